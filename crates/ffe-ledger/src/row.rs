//! A ledger row once it has been read and checked: the record the metrics and the export work on.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One equipment or system purchase (one row of Appendix 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerRow {
    /// 序号 as written, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<String>,
    /// 设备系统名称.
    pub name: String,
    /// 规格型号.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// 购置时间（按发票日期）.
    pub purchase_date: PurchaseDate,
    /// 一级/二级/三级分类, as named in the taxonomy.
    pub class: ClassPath,
    /// 设备系统单价（万元）.
    pub unit_price_wan: Wan,
    /// 设备系统台套数, at least 1.
    pub units: u32,
    /// 是否国产.
    pub domestic: bool,
    /// 是否联网; always present on 智能制造装备 rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub networked: Option<bool>,
    /// 是否支持数据采集; always present on 智能制造装备 rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_collection: Option<bool>,
    /// 是否支持信息接收; always present on 智能制造装备 rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info_receiving: Option<bool>,
}

impl LedgerRow {
    /// 单价 × 台套数, exact, in fen (0.000001 万元).
    pub fn investment_fen(&self) -> i128 {
        i128::from(self.unit_price_wan.fen()) * i128::from(self.units)
    }
}

/// A class of Appendix 1, with the names as the taxonomy spells them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ClassPath {
    pub level1: String,
    pub level2: String,
    /// Absent only where the taxonomy gives the level-2 class no children.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level3: Option<String>,
}

/// The purchase date: a day, or a month where only the month was written (2021年3月).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PurchaseDate {
    Day(NaiveDate),
    Month { year: i32, month: u32 },
}

impl PurchaseDate {
    /// The first day the date can mean.
    pub fn first_day(self) -> Option<NaiveDate> {
        match self {
            PurchaseDate::Day(day) => Some(day),
            PurchaseDate::Month { year, month } => NaiveDate::from_ymd_opt(year, month, 1),
        }
    }

    /// The last day the date can mean.
    pub fn last_day(self) -> Option<NaiveDate> {
        match self {
            PurchaseDate::Day(day) => Some(day),
            PurchaseDate::Month { year, month } => {
                let (y, m) = if month == 12 {
                    (year.checked_add(1)?, 1)
                } else {
                    (year, month + 1)
                };
                NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
            }
        }
    }

    /// Within `[since, until]` (either bound open): a month counts when any of its days does.
    pub fn within(self, since: Option<NaiveDate>, until: Option<NaiveDate>) -> bool {
        let after_since = match (since, self.last_day()) {
            (Some(since), Some(last)) => last >= since,
            _ => true,
        };
        let before_until = match (until, self.first_day()) {
            (Some(until), Some(first)) => first <= until,
            _ => true,
        };
        after_since && before_until
    }
}

impl fmt::Display for PurchaseDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PurchaseDate::Day(day) => {
                write!(f, "{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
            }
            PurchaseDate::Month { year, month } => write!(f, "{year:04}-{month:02}"),
        }
    }
}

impl FromStr for PurchaseDate {
    type Err = String;

    /// `YYYY-MM-DD` or `YYYY-MM`, as [`fmt::Display`] writes them.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Ok(PurchaseDate::Day(day));
        }
        let (year, month) = text
            .split_once('-')
            .ok_or_else(|| format!("不是日期：{text}"))?;
        let year: i32 = year.parse().map_err(|_| format!("不是日期：{text}"))?;
        let month: u32 = month.parse().map_err(|_| format!("不是日期：{text}"))?;
        if NaiveDate::from_ymd_opt(year, month, 1).is_none() {
            return Err(format!("不是日期：{text}"));
        }
        Ok(PurchaseDate::Month { year, month })
    }
}

impl Serialize for PurchaseDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PurchaseDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// An amount in 万元, held exactly as an integer number of fen (1 万元 = 1,000,000 分).
/// Serialised as a number of 万元.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Wan(i64);

/// Fen in one 万元.
pub const FEN_PER_WAN: i64 = 1_000_000;

impl Wan {
    pub fn from_fen(fen: i64) -> Wan {
        Wan(fen)
    }

    pub fn fen(self) -> i64 {
        self.0
    }

    /// The nearest whole fen of a number of 万元; `None` when not finite or out of range.
    pub fn from_wan_f64(wan: f64) -> Option<Wan> {
        let fen = (wan * FEN_PER_WAN as f64).round();
        // i64 holds ±9.2e18; stay well inside so that the conversion is exact.
        if fen.is_finite() && fen.abs() < 9.0e15 {
            Some(Wan(fen as i64))
        } else {
            None
        }
    }

    pub fn as_wan_f64(self) -> f64 {
        self.0 as f64 / FEN_PER_WAN as f64
    }
}

/// Fen (possibly a large sum) as 万元.
pub fn fen_to_wan(fen: i128) -> f64 {
    fen as f64 / FEN_PER_WAN as f64
}

impl Serialize for Wan {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.as_wan_f64())
    }
}

impl<'de> Deserialize<'de> for Wan {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wan = f64::deserialize(deserializer)?;
        Wan::from_wan_f64(wan).ok_or_else(|| serde::de::Error::custom("金额超出范围"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn a_month_is_within_a_window_that_touches_it() {
        let march = PurchaseDate::Month {
            year: 2021,
            month: 3,
        };
        assert!(march.within(Some(day(2021, 3, 31)), None));
        assert!(!march.within(Some(day(2021, 4, 1)), None));
        assert!(march.within(None, Some(day(2021, 3, 1))));
        assert!(!march.within(None, Some(day(2021, 2, 28))));
        assert_eq!(
            PurchaseDate::Month {
                year: 2020,
                month: 12
            }
            .last_day(),
            Some(day(2020, 12, 31))
        );
    }

    #[test]
    fn dates_print_and_parse() {
        assert_eq!(PurchaseDate::Day(day(2021, 3, 5)).to_string(), "2021-03-05");
        assert_eq!(
            "2021-03".parse(),
            Ok(PurchaseDate::Month {
                year: 2021,
                month: 3
            })
        );
        assert!("2021-13".parse::<PurchaseDate>().is_err());
    }

    proptest! {
        #[test]
        fn wan_survives_f64(fen in -9_000_000_000_000_000i64..9_000_000_000_000_000i64) {
            let wan = Wan::from_fen(fen / 1000);
            prop_assert_eq!(Wan::from_wan_f64(wan.as_wan_f64()), Some(wan));
        }

        #[test]
        fn purchase_date_text_round_trips(y in 1900i32..2200, m in 1u32..=12, d in 1u32..=28, month_only: bool) {
            let date = if month_only { PurchaseDate::Month { year: y, month: m } } else { PurchaseDate::Day(day(y, m, d)) };
            prop_assert_eq!(date.to_string().parse::<PurchaseDate>(), Ok(date));
        }
    }
}
