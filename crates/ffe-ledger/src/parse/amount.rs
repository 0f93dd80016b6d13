//! 单价（万元）and 台套数.

use crate::cell::{Cell, format_number};
use crate::parse::quote;
use crate::row::{FEN_PER_WAN, Wan};
use crate::text::half_width;

/// The largest unit price accepted: 1 亿万元 (a trillion yuan); anything larger is a typing error.
pub const MAX_PRICE_WAN: i64 = 100_000_000;
/// The largest number of units in one row.
pub const MAX_UNITS: u32 = 1_000_000;

/// A unit price in 万元: a number, or text such as `12.5`, `1,234.5万元`, `8 万`, `￥3.2万元`.
/// `Ok(None)` for a blank cell.
pub fn parse_price(cell: &Cell) -> Result<Option<Wan>, String> {
    let value = match cell {
        Cell::Empty => return Ok(None),
        Cell::Number(n) => *n,
        Cell::Text(text) => {
            let cleaned = strip_number_text(text);
            if cleaned.is_empty() {
                return Ok(None);
            }
            let unit_removed = cleaned
                .strip_suffix("万元")
                .or_else(|| cleaned.strip_suffix('万'))
                .unwrap_or(&cleaned);
            if unit_removed.ends_with('元') {
                return Err(format!(
                    "单价{}以元为单位，本表单价以万元计，请换算为万元（如 12.5 万元填 12.5）",
                    quote(text)
                ));
            }
            parse_decimal(unit_removed).ok_or_else(|| {
                format!("单价{}不是数字，请填写以万元计的金额，如 12.5", quote(text))
            })?
        }
        other => {
            return Err(format!("单价{}不是数字", quote(&other.display())));
        }
    };
    if value < 0.0 {
        return Err(format!("单价不能为负数（{}）", format_number(value)));
    }
    match Wan::from_wan_f64(value) {
        Some(wan) if wan.fen() <= MAX_PRICE_WAN * FEN_PER_WAN => Ok(Some(wan)),
        _ => Err(format!(
            "单价 {} 万元过大，请检查单位是否为万元",
            format_number(value)
        )),
    }
}

/// A number of units: a whole number, or text such as `3`, `3台`, `1,000 套`. `Ok(None)` when blank.
pub fn parse_units(cell: &Cell) -> Result<Option<u32>, String> {
    let value = match cell {
        Cell::Empty => return Ok(None),
        Cell::Number(n) => *n,
        Cell::Text(text) => {
            let cleaned = strip_number_text(text);
            if cleaned.is_empty() {
                return Ok(None);
            }
            let unit_removed = ["台套", "台", "套", "个", "件", "部", "组"]
                .iter()
                .find_map(|unit| cleaned.strip_suffix(unit))
                .unwrap_or(&cleaned);
            parse_decimal(unit_removed).ok_or_else(|| format!("台套数{}不是数字", quote(text)))?
        }
        other => return Err(format!("台套数{}不是数字", quote(&other.display()))),
    };
    if value < 0.0 {
        return Err(format!("台套数不能为负数（{}）", format_number(value)));
    }
    if value.fract() != 0.0 {
        return Err(format!("台套数应为整数（{}）", format_number(value)));
    }
    if value == 0.0 {
        return Err("台套数应至少为 1".to_owned());
    }
    if value > f64::from(MAX_UNITS) {
        return Err(format!(
            "台套数 {} 过大（上限 {MAX_UNITS}）",
            format_number(value)
        ));
    }
    Ok(Some(value as u32))
}

/// Half-width, without spaces, thousands separators or a currency sign.
fn strip_number_text(text: &str) -> String {
    text.chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, ',' | '，' | '¥' | '￥'))
        .collect()
}

/// A plain decimal: optional sign, digits, optional fraction. No exponents, no `inf`, no `NaN`.
fn parse_decimal(text: &str) -> Option<f64> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let well_formed = !int.is_empty() || !frac.is_empty();
    if !well_formed || !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    fn wan(s: &str) -> Option<f64> {
        parse_price(&text(s)).ok().flatten().map(Wan::as_wan_f64)
    }

    #[test]
    fn prices_in_the_forms_people_type() {
        assert_eq!(wan("12.5"), Some(12.5));
        assert_eq!(wan("12.5万元"), Some(12.5));
        assert_eq!(wan(" 1,234.5 万 "), Some(1234.5));
        assert_eq!(wan("１２.５万元"), Some(12.5));
        assert_eq!(wan("￥3.2万元"), Some(3.2));
        assert_eq!(wan("0"), Some(0.0));
        assert_eq!(
            parse_price(&Cell::Number(7.25))
                .ok()
                .flatten()
                .map(Wan::as_wan_f64),
            Some(7.25)
        );
        assert_eq!(parse_price(&text(" ")), Ok(None));
    }

    #[test]
    fn prices_that_are_refused() {
        assert_eq!(
            parse_price(&Cell::Number(-1.0)),
            Err("单价不能为负数（-1）".to_owned())
        );
        assert!(parse_price(&text("-3万元")).is_err());
        assert!(
            parse_price(&text("125000元"))
                .unwrap_err()
                .contains("以元为单位")
        );
        assert!(
            parse_price(&text("约10万"))
                .unwrap_err()
                .contains("不是数字")
        );
        assert!(parse_price(&text("1e5")).is_err());
        assert!(parse_price(&text("NaN")).is_err());
        assert!(
            parse_price(&Cell::Number(1e12))
                .unwrap_err()
                .contains("过大")
        );
    }

    #[test]
    fn units_in_the_forms_people_type() {
        assert_eq!(parse_units(&text("3")), Ok(Some(3)));
        assert_eq!(parse_units(&text("3台")), Ok(Some(3)));
        assert_eq!(parse_units(&text("1,000 台套")), Ok(Some(1000)));
        assert_eq!(parse_units(&Cell::Number(2.0)), Ok(Some(2)));
        assert_eq!(
            parse_units(&Cell::Number(2.5)),
            Err("台套数应为整数（2.5）".to_owned())
        );
        assert_eq!(
            parse_units(&text("-2")),
            Err("台套数不能为负数（-2）".to_owned())
        );
        assert_eq!(
            parse_units(&Cell::Number(0.0)),
            Err("台套数应至少为 1".to_owned())
        );
        assert!(parse_units(&text("若干")).is_err());
    }

    proptest! {
        #[test]
        fn any_text_price_is_parsed_or_refused_without_panic(s in "\\PC{0,30}") {
            let _ = parse_price(&text(&s));
            let _ = parse_units(&text(&s));
        }

        #[test]
        fn accepted_prices_are_never_negative(n in proptest::num::f64::ANY) {
            if let Ok(Some(w)) = parse_price(&Cell::Number(n)) {
                prop_assert!(w.fen() >= 0);
            }
        }

        #[test]
        fn formatted_prices_read_back(fen in 0i64..100_000_000_000_000) {
            let w = Wan::from_fen(fen);
            let typed = format!("{}万元", w.as_wan_f64());
            prop_assert_eq!(parse_price(&text(&typed)), Ok(Some(w)));
        }
    }
}
