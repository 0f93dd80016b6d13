//! Turning one cell into one typed value, accepting what people really type. Each parser returns
//! the reason for a refusal in Chinese; the row parser adds the row and the column.

pub mod amount;
pub mod date;
pub mod yes_no;

pub use amount::{parse_price, parse_units};
pub use date::{DateRules, parse_date};
pub use yes_no::parse_yes_no;

/// Shorten what the user typed for quoting in a message.
pub fn quote(text: &str) -> String {
    const MAX: usize = 40;
    let trimmed = text.trim();
    if trimmed.chars().count() > MAX {
        let head: String = trimmed.chars().take(MAX).collect();
        format!("“{head}…”")
    } else {
        format!("“{trimmed}”")
    }
}
