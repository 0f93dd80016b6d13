//! The indicators the ledger feeds (formulas in docs/ledger.md), computed exactly over valid rows.

use std::collections::HashMap;

use ffe_index::{LedgerMetric, Taxonomy};
use serde::Serialize;

use crate::row::{LedgerRow, fen_to_wan};

/// The level-1 class whose rows are the "equipment" of 装备联网率 and the two equipment shares.
pub const EQUIPMENT_CLASS: &str = "智能制造装备";

/// The ledger's indicators. Shares are percentages, `None` when their denominator is zero.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metrics {
    /// Valid rows counted (inside the purchase-date window).
    pub rows: u32,
    /// Valid rows left out because their purchase date is outside the window.
    pub rows_outside_window: u32,
    /// Rows refused with at least one error.
    pub rows_rejected: u32,
    /// Σ 台套数 over all counted rows.
    pub total_units: u64,
    /// Σ 台套数 over counted rows with 是否国产 = 是.
    pub domestic_units: u64,
    /// Σ 台套数 of 智能制造装备 rows.
    pub equipment_units: u64,
    pub equipment_networked_units: u64,
    pub equipment_data_collection_units: u64,
    pub equipment_info_receiving_units: u64,
    pub networking_rate_pct: Option<f64>,
    pub data_collection_share_pct: Option<f64>,
    pub info_receiving_share_pct: Option<f64>,
    /// Σ 单价 × 台套数, 万元.
    pub total_investment_wan: f64,
    pub domestic_investment_wan: f64,
    pub domestic_value_share_pct: Option<f64>,
    pub domestic_unit_share_pct: Option<f64>,
    /// Units and investment by level-1 class, each with its level-2 classes, in taxonomy order.
    pub by_class: Vec<ClassTotal>,
}

/// Units and investment of one class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassTotal {
    pub name: String,
    pub units: u64,
    pub investment_wan: f64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<ClassTotal>,
}

impl Metrics {
    /// The value of one of the metrics the index names.
    pub fn value(&self, metric: LedgerMetric) -> Option<f64> {
        match metric {
            LedgerMetric::NetworkingRatePct => self.networking_rate_pct,
            LedgerMetric::DataCollectionSharePct => self.data_collection_share_pct,
            LedgerMetric::InfoReceivingSharePct => self.info_receiving_share_pct,
            LedgerMetric::DomesticValueSharePct => self.domestic_value_share_pct,
            LedgerMetric::DomesticUnitSharePct => self.domestic_unit_share_pct,
            LedgerMetric::TotalInvestmentWan => Some(self.total_investment_wan),
        }
    }

    /// The metrics of the given rows (already narrowed to the window), with row counts supplied
    /// by the importer.
    pub fn compute(
        rows: &[LedgerRow],
        taxonomy: &Taxonomy,
        rows_outside_window: u32,
        rows_rejected: u32,
    ) -> Metrics {
        let mut sums = Sums::default();
        for row in rows {
            sums.add(row);
        }
        Metrics {
            rows: u32::try_from(rows.len()).unwrap_or(u32::MAX),
            rows_outside_window,
            rows_rejected,
            total_units: sums.total_units,
            domestic_units: sums.domestic_units,
            equipment_units: sums.equipment_units,
            equipment_networked_units: sums.networked,
            equipment_data_collection_units: sums.data_collection,
            equipment_info_receiving_units: sums.info_receiving,
            networking_rate_pct: pct(sums.networked as f64, sums.equipment_units as f64),
            data_collection_share_pct: pct(
                sums.data_collection as f64,
                sums.equipment_units as f64,
            ),
            info_receiving_share_pct: pct(sums.info_receiving as f64, sums.equipment_units as f64),
            total_investment_wan: fen_to_wan(sums.total_fen),
            domestic_investment_wan: fen_to_wan(sums.domestic_fen),
            domestic_value_share_pct: pct(sums.domestic_fen as f64, sums.total_fen as f64),
            domestic_unit_share_pct: pct(sums.domestic_units as f64, sums.total_units as f64),
            by_class: by_class(rows, taxonomy),
        }
    }
}

#[derive(Default)]
struct Sums {
    total_units: u64,
    domestic_units: u64,
    equipment_units: u64,
    networked: u64,
    data_collection: u64,
    info_receiving: u64,
    total_fen: i128,
    domestic_fen: i128,
}

impl Sums {
    fn add(&mut self, row: &LedgerRow) {
        let units = u64::from(row.units);
        let fen = row.investment_fen();
        self.total_units += units;
        self.total_fen += fen;
        if row.domestic {
            self.domestic_units += units;
            self.domestic_fen += fen;
        }
        if row.class.level1 == EQUIPMENT_CLASS {
            self.equipment_units += units;
            let count = |flag: Option<bool>| if flag == Some(true) { units } else { 0 };
            self.networked += count(row.networked);
            self.data_collection += count(row.data_collection);
            self.info_receiving += count(row.info_receiving);
        }
    }
}

/// Divide first: a part equal to its whole is then exactly 100, never 100.00000000000001.
fn pct(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator > 0.0).then(|| 100.0 * (numerator / denominator))
}

/// One pass over the rows, then the totals laid out in taxonomy order.
fn by_class(rows: &[LedgerRow], taxonomy: &Taxonomy) -> Vec<ClassTotal> {
    let mut sums: HashMap<(&str, &str), (u64, i128)> = HashMap::new();
    for row in rows {
        let entry = sums
            .entry((row.class.level1.as_str(), row.class.level2.as_str()))
            .or_default();
        entry.0 += u64::from(row.units);
        entry.1 += row.investment_fen();
    }
    let mut out = Vec::new();
    for one in &taxonomy.classes {
        let children: Vec<ClassTotal> = one
            .children
            .iter()
            .filter_map(|two| {
                let (units, fen) = sums.get(&(one.name.as_str(), two.name.as_str())).copied()?;
                Some(ClassTotal {
                    name: two.name.clone(),
                    units,
                    investment_wan: fen_to_wan(fen),
                    children: Vec::new(),
                })
            })
            .collect();
        let (units, fen) = sums
            .iter()
            .filter(|((level1, _), _)| *level1 == one.name)
            .fold((0u64, 0i128), |(u, f), (_, (units, fen))| {
                (u + units, f + fen)
            });
        if units > 0 {
            out.push(ClassTotal {
                name: one.name.clone(),
                units,
                investment_wan: fen_to_wan(fen),
                children,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::row::{ClassPath, PurchaseDate, Wan};
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn taxonomy() -> &'static Taxonomy {
        ffe_index::shipped::taxonomy().expect("shipped taxonomy")
    }

    fn row() -> impl Strategy<Value = LedgerRow> {
        let leaves: Vec<ClassPath> = taxonomy()
            .leaf_paths()
            .into_iter()
            .map(|p| ClassPath {
                level1: p[0].to_owned(),
                level2: p[1].to_owned(),
                level3: p.get(2).map(|s| (*s).to_owned()),
            })
            .collect();
        (
            0..leaves.len(),
            0i64..1_000_000_000_000,
            1u32..1_000_000,
            any::<bool>(),
            proptest::array::uniform3(any::<bool>()),
            0i64..4000,
        )
            .prop_map(move |(class, fen, units, domestic, flags, day)| {
                let class = leaves[class].clone();
                let equipment = class.level1 == EQUIPMENT_CLASS;
                LedgerRow {
                    seq: None,
                    name: "设备".to_owned(),
                    model: None,
                    purchase_date: PurchaseDate::Day(
                        NaiveDate::from_ymd_opt(2015, 1, 1).expect("valid")
                            + chrono::Duration::days(day),
                    ),
                    class,
                    unit_price_wan: Wan::from_fen(fen),
                    units,
                    domestic,
                    networked: equipment.then_some(flags[0]),
                    data_collection: equipment.then_some(flags[1]),
                    info_receiving: equipment.then_some(flags[2]),
                }
            })
    }

    proptest! {
        #[test]
        fn shares_are_percentages_and_counts_are_bounded(rows in proptest::collection::vec(row(), 0..60)) {
            let m = Metrics::compute(&rows, taxonomy(), 0, 0);
            for metric in LedgerMetric::ALL {
                if let (Some(v), true) = (m.value(metric), metric != LedgerMetric::TotalInvestmentWan) {
                    prop_assert!((0.0..=100.0).contains(&v), "{metric:?} = {v}");
                }
            }
            prop_assert!(m.equipment_networked_units <= m.equipment_units);
            prop_assert!(m.domestic_units <= m.total_units);
            prop_assert_eq!(m.networking_rate_pct.is_none(), m.equipment_units == 0);
            let class_units: u64 = m.by_class.iter().map(|c| c.units).sum();
            prop_assert_eq!(class_units, m.total_units);
            for one in &m.by_class {
                prop_assert_eq!(one.children.iter().map(|c| c.units).sum::<u64>(), one.units);
            }
        }

        #[test]
        fn order_does_not_matter_and_sums_split(rows in proptest::collection::vec(row(), 0..60), cut in 0usize..60) {
            let m = Metrics::compute(&rows, taxonomy(), 0, 0);
            let mut reversed = rows.clone();
            reversed.reverse();
            prop_assert_eq!(&Metrics::compute(&reversed, taxonomy(), 0, 0), &m);
            let (a, b) = rows.split_at(cut.min(rows.len()));
            let (ma, mb) = (Metrics::compute(a, taxonomy(), 0, 0), Metrics::compute(b, taxonomy(), 0, 0));
            prop_assert_eq!(ma.total_units + mb.total_units, m.total_units);
            prop_assert_eq!(ma.equipment_networked_units + mb.equipment_networked_units, m.equipment_networked_units);
            let fen = |r: &[LedgerRow]| r.iter().map(LedgerRow::investment_fen).sum::<i128>();
            prop_assert_eq!(fen(a) + fen(b), fen(&rows));
        }
    }
}
