//! 购置时间: Excel dates and the ways people write dates as text.

use chrono::{Datelike, Days, NaiveDate};

use crate::cell::{Cell, format_number};
use crate::parse::quote;
use crate::row::PurchaseDate;
use crate::text::half_width;

/// What a date is checked against. `today` comes from the caller, never from the clock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateRules {
    /// Dates after this day are refused as purchases in the future. `None`: no such check.
    pub today: Option<NaiveDate>,
}

const MIN_YEAR: i32 = 1900;
const MAX_YEAR: i32 = 2200;
/// Plain numbers in this range are taken as Excel serials (1927-05-18 to 2173-10-14).
const PLAIN_SERIALS: std::ops::Range<f64> = 10_000.0..100_000.0;
const HINT: &str = "请写成 2021-03-05、2021/3/5、2021.3.5、2021年3月5日 或 2021年3月";

/// `Ok(None)` for a blank cell.
pub fn parse_date(cell: &Cell, rules: DateRules) -> Result<Option<PurchaseDate>, String> {
    let date = match cell {
        Cell::Empty => return Ok(None),
        Cell::Date(serial) => from_serial(*serial)?,
        Cell::Number(n) => from_plain_number(*n, &format_number(*n))?,
        Cell::Text(text) => {
            let folded: String = text.chars().map(half_width).collect();
            let trimmed = folded.trim();
            if trimmed.is_empty() {
                return Ok(None);
            }
            from_text(trimmed, text)?
        }
        other => return Err(format!("无法识别的日期{}，{HINT}", quote(&other.display()))),
    };
    if let (Some(today), Some(first)) = (rules.today, date.first_day())
        && first > today
    {
        return Err(format!(
            "购置时间 {date} 晚于今天（{today}），请按发票日期填写"
        ));
    }
    Ok(Some(date))
}

fn from_text(text: &str, original: &str) -> Result<PurchaseDate, String> {
    // A time after the date ("2021-03-05 00:00:00", "2021-03-05T08:00") is dropped.
    let date_part = text
        .split(|c: char| c.is_whitespace() || c == 'T')
        .next()
        .unwrap_or(text);
    let unified: String = date_part
        .trim_end_matches(['日', '号'])
        .chars()
        .map(|c| match c {
            '年' | '月' | '/' | '.' | '-' => '-',
            _ => c,
        })
        .collect();
    let unified = unified.trim_end_matches('-');
    let parts: Vec<&str> = unified.split('-').map(str::trim).collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(format!("无法识别的日期{}，{HINT}", quote(original)));
    }
    let number = |p: &str| p.parse::<u32>().ok();
    match parts.as_slice() {
        [single] => {
            let n: f64 = single
                .parse()
                .map_err(|_| format!("无法识别的日期{}，{HINT}", quote(original)))?;
            from_plain_number(n, original)
        }
        [year, month] if year.len() == 4 => {
            let (year, month) = (number(year), number(month));
            let (Some(year), Some(month)) = (year, month) else {
                return Err(format!("无法识别的日期{}，{HINT}", quote(original)));
            };
            month_date(year, month, original)
        }
        [year, month, day] if year.len() == 4 => {
            let (Some(year), Some(month), Some(day)) = (number(year), number(month), number(day))
            else {
                return Err(format!("无法识别的日期{}，{HINT}", quote(original)));
            };
            day_date(year, month, day, original)
        }
        [_, _, year] if year.len() == 4 => {
            Err(format!("日期{}的年份应写在前面，{HINT}", quote(original)))
        }
        _ => Err(format!("无法识别的日期{}，{HINT}", quote(original))),
    }
}

fn check_year(year: u32, original: &str) -> Result<i32, String> {
    match i32::try_from(year) {
        Ok(y) if (MIN_YEAR..=MAX_YEAR).contains(&y) => Ok(y),
        _ => Err(format!(
            "日期{}的年份 {year} 不在 {MIN_YEAR}–{MAX_YEAR} 之间",
            quote(original)
        )),
    }
}

fn check_month(month: u32, original: &str) -> Result<u32, String> {
    if (1..=12).contains(&month) {
        Ok(month)
    } else {
        Err(format!("日期{}不存在：没有 {month} 月", quote(original)))
    }
}

fn month_date(year: u32, month: u32, original: &str) -> Result<PurchaseDate, String> {
    let year = check_year(year, original)?;
    let month = check_month(month, original)?;
    Ok(PurchaseDate::Month { year, month })
}

fn day_date(year: u32, month: u32, day: u32, original: &str) -> Result<PurchaseDate, String> {
    let y = check_year(year, original)?;
    let m = check_month(month, original)?;
    NaiveDate::from_ymd_opt(y, m, day)
        .map(PurchaseDate::Day)
        .ok_or_else(|| format!("日期{}不存在：{y}年{m}月没有 {day} 日", quote(original)))
}

/// A number typed into the date column: `20210305`, or an Excel serial in a cell not formatted
/// as a date.
fn from_plain_number(n: f64, original: &str) -> Result<PurchaseDate, String> {
    if n.fract() == 0.0 && (19_000_101.0..=22_001_231.0).contains(&n) {
        let v = n as u32;
        return day_date(v / 10_000, v / 100 % 100, v % 100, original);
    }
    if PLAIN_SERIALS.contains(&n) {
        return from_serial(n);
    }
    Err(format!("无法识别的日期{}，{HINT}", quote(original)))
}

/// An Excel serial on the 1900 epoch, which counts the nonexistent 1900-02-29 as day 60.
fn from_serial(serial: f64) -> Result<PurchaseDate, String> {
    let refuse = || format!("无法识别的日期（Excel 日期值 {}）", format_number(serial));
    if !(1.0..2_958_466.0).contains(&serial) {
        return Err(refuse());
    }
    let days = serial.floor() as u64;
    let (base, offset) = match days {
        60 => return Err("日期 1900-02-29 不存在".to_owned()),
        0..60 => (NaiveDate::from_ymd_opt(1899, 12, 31), days),
        _ => (NaiveDate::from_ymd_opt(1899, 12, 30), days),
    };
    let date = base
        .and_then(|b| b.checked_add_days(Days::new(offset)))
        .ok_or_else(refuse)?;
    if date.year() > MAX_YEAR {
        return Err(refuse());
    }
    Ok(PurchaseDate::Day(date))
}

/// The Excel serial of a day (1900 epoch), for writing dates back.
pub fn to_serial(date: NaiveDate) -> Option<f64> {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let days = (date - base).num_days();
    // Days before 1900-03-01 are off by one in Excel's calendar; the ledger never writes them.
    (days >= 61).then_some(days as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> PurchaseDate {
        PurchaseDate::Day(NaiveDate::from_ymd_opt(y, m, d).expect("valid"))
    }

    fn text(s: &str) -> Result<Option<PurchaseDate>, String> {
        parse_date(&Cell::Text(s.to_owned()), DateRules::default())
    }

    #[test]
    fn the_listed_text_forms() {
        for s in [
            "2021-03-05",
            "2021/3/5",
            "2021.3.5",
            "2021年3月5日",
            " 2021年03月05号 ",
            "２０２１－０３－０５",
            "2021-03-05 00:00:00",
            "20210305",
        ] {
            assert_eq!(text(s), Ok(Some(day(2021, 3, 5))), "{s:?}");
        }
        assert_eq!(
            text("2021年3月"),
            Ok(Some(PurchaseDate::Month {
                year: 2021,
                month: 3
            }))
        );
        assert_eq!(
            text("2021-3"),
            Ok(Some(PurchaseDate::Month {
                year: 2021,
                month: 3
            }))
        );
    }

    #[test]
    fn excel_serials() {
        // 44260 is 2021-03-05 in Excel.
        assert_eq!(
            parse_date(&Cell::Date(44260.0), DateRules::default()),
            Ok(Some(day(2021, 3, 5)))
        );
        assert_eq!(
            parse_date(&Cell::Date(44260.75), DateRules::default()),
            Ok(Some(day(2021, 3, 5)))
        );
        assert_eq!(
            parse_date(&Cell::Number(44260.0), DateRules::default()),
            Ok(Some(day(2021, 3, 5)))
        );
        assert_eq!(
            parse_date(&Cell::Date(1.0), DateRules::default()),
            Ok(Some(day(1900, 1, 1)))
        );
        assert_eq!(
            parse_date(&Cell::Date(61.0), DateRules::default()),
            Ok(Some(day(1900, 3, 1)))
        );
        assert_eq!(
            to_serial(NaiveDate::from_ymd_opt(2021, 3, 5).expect("valid")),
            Some(44260.0)
        );
    }

    #[test]
    fn impossible_and_unreadable_dates() {
        assert_eq!(
            text("2021-02-30"),
            Err("日期“2021-02-30”不存在：2021年2月没有 30 日".to_owned())
        );
        assert_eq!(
            text("2021年13月"),
            Err("日期“2021年13月”不存在：没有 13 月".to_owned())
        );
        assert!(text("5/3/2021").unwrap_err().contains("年份应写在前面"));
        assert!(text("去年三月").unwrap_err().starts_with("无法识别的日期"));
        assert!(text("2021").unwrap_err().starts_with("无法识别的日期"));
        assert!(parse_date(&Cell::Number(2021.0), DateRules::default()).is_err());
        assert!(text("1800-01-01").unwrap_err().contains("年份"));
    }

    #[test]
    fn future_dates_are_refused_against_the_given_today() {
        let rules = DateRules {
            today: NaiveDate::from_ymd_opt(2026, 11, 28),
        };
        let cell = |s: &str| Cell::Text(s.to_owned());
        assert_eq!(
            parse_date(&cell("2026-11-28"), rules),
            Ok(Some(day(2026, 11, 28)))
        );
        assert_eq!(
            parse_date(&cell("2026-11-29"), rules),
            Err("购置时间 2026-11-29 晚于今天（2026-11-28），请按发票日期填写".to_owned())
        );
        assert!(parse_date(&cell("2026年11月"), rules).is_ok());
        assert!(parse_date(&cell("2026年12月"), rules).is_err());
    }

    proptest! {
        #[test]
        fn written_dates_read_back(y in 1900i32..=2200, m in 1u32..=12, d in 1u32..=31, sep in 0usize..4) {
            if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                let s = match sep {
                    0 => format!("{y}-{m:02}-{d:02}"),
                    1 => format!("{y}/{m}/{d}"),
                    2 => format!("{y}.{m}.{d}"),
                    _ => format!("{y}年{m}月{d}日"),
                };
                prop_assert_eq!(text(&s), Ok(Some(PurchaseDate::Day(date))));
            }
        }

        #[test]
        fn serials_round_trip(days in 61i64..100_000) {
            let date = NaiveDate::from_ymd_opt(1899, 12, 30).expect("valid") + chrono::Duration::days(days);
            let serial = to_serial(date).expect("after 1900-03-01");
            prop_assert_eq!(parse_date(&Cell::Date(serial), DateRules::default()), Ok(Some(PurchaseDate::Day(date))));
        }

        #[test]
        fn garbage_never_panics(s in "\\PC{0,24}", n in proptest::num::f64::ANY) {
            let _ = text(&s);
            let _ = parse_date(&Cell::Date(n), DateRules::default());
            let _ = parse_date(&Cell::Number(n), DateRules::default());
        }
    }
}
