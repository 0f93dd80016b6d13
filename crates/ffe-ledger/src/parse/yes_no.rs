//! 是/否 in its many spellings.

use crate::cell::Cell;
use crate::parse::quote;
use crate::text::value_key;

const YES: &[&str] = &[
    "是", "y", "yes", "√", "✓", "✔", "☑", "1", "true", "有", "是的",
];
const NO: &[&str] = &[
    "否", "n", "no", "×", "✗", "✘", "✕", "0", "false", "无", "不是",
];

/// `Ok(None)` for a blank cell.
pub fn parse_yes_no(cell: &Cell) -> Result<Option<bool>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Bool(b) => Ok(Some(*b)),
        Cell::Number(n) if *n == 1.0 => Ok(Some(true)),
        Cell::Number(n) if *n == 0.0 => Ok(Some(false)),
        Cell::Text(text) => {
            let key = value_key(text);
            if key.is_empty() {
                Ok(None)
            } else if YES.contains(&key.as_str()) {
                Ok(Some(true))
            } else if NO.contains(&key.as_str()) {
                Ok(Some(false))
            } else {
                Err(format!("无法识别{}，请填写“是”或“否”", quote(text)))
            }
        }
        other => Err(format!(
            "无法识别{}，请填写“是”或“否”",
            quote(&other.display())
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    #[test]
    fn every_listed_spelling_is_accepted() {
        for yes in [
            "是", " 是 ", "Y", "y", "YES", "Yes", "√", "✓", "1", "TRUE", "true", "Ｙ",
        ] {
            assert_eq!(parse_yes_no(&text(yes)), Ok(Some(true)), "{yes:?}");
        }
        for no in ["否", "N", "no", "×", "✗", "0", "false", "FALSE ", "\t否\n"] {
            assert_eq!(parse_yes_no(&text(no)), Ok(Some(false)), "{no:?}");
        }
        assert_eq!(parse_yes_no(&Cell::Number(1.0)), Ok(Some(true)));
        assert_eq!(parse_yes_no(&Cell::Bool(false)), Ok(Some(false)));
    }

    #[test]
    fn blank_is_none_and_anything_else_is_refused() {
        assert_eq!(parse_yes_no(&text("  ")), Ok(None));
        assert_eq!(parse_yes_no(&Cell::Empty), Ok(None));
        assert_eq!(
            parse_yes_no(&text("部分")),
            Err("无法识别“部分”，请填写“是”或“否”".to_owned())
        );
        assert!(parse_yes_no(&Cell::Number(2.0)).is_err());
    }
}
