//! A cell as every reader hands it to the core, whatever the file format.

/// One cell's value. Readers turn Excel date cells into [`Cell::Date`] with the serial already on
/// the 1900 epoch; CSV cells are always [`Cell::Text`].
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// An Excel date serial (days since 1899-12-30, 1900 epoch).
    Date(f64),
    Bool(bool),
    /// An Excel error value such as `#REF!`.
    Error(String),
}

impl Cell {
    /// Blank: empty, or text of whitespace only.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.chars().all(|c| c.is_whitespace() || c.is_control()),
            _ => false,
        }
    }

    /// The cell as text, for messages and for text columns. Integral numbers print without `.0`.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Number(n) | Cell::Date(n) => format_number(*n),
            Cell::Bool(true) => "TRUE".to_owned(),
            Cell::Bool(false) => "FALSE".to_owned(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// A number as people expect to see it: `3` not `3.0`, otherwise the shortest exact form.
pub fn format_number(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        format!("{n}")
    }
}

/// A 0-based row and column as an A1 reference.
pub fn a1(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(column) + 1;
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        letters.into_iter().collect::<String>(),
        u64::from(row) + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integral_numbers_print_without_fraction() {
        assert_eq!(Cell::Number(3.0).display(), "3");
        assert_eq!(Cell::Number(-0.0).display(), "-0");
        assert_eq!(Cell::Number(2.5).display(), "2.5");
        assert!(Cell::Text(" \n".into()).is_blank());
        assert!(!Cell::Number(0.0).is_blank());
    }
}
