//! import(export(rows)) == rows, for generated ledgers; and the template itself imports empty.

use chrono::NaiveDate;
use ffe_ledger::{ClassPath, LedgerRow, PurchaseDate, Wan};
use proptest::prelude::*;

use crate::support::{options, taxonomy};

fn class_paths() -> Vec<ClassPath> {
    taxonomy()
        .leaf_paths()
        .into_iter()
        .map(|path| ClassPath {
            level1: path.first().map(|s| (*s).to_owned()).unwrap_or_default(),
            level2: path.get(1).map(|s| (*s).to_owned()).unwrap_or_default(),
            level3: path.get(2).map(|s| (*s).to_owned()),
        })
        .collect()
}

fn purchase_date() -> impl Strategy<Value = PurchaseDate> {
    prop_oneof![
        (0i64..13_000).prop_map(|days| {
            let base = NaiveDate::from_ymd_opt(1990, 1, 1).expect("valid");
            PurchaseDate::Day(base + chrono::Duration::days(days))
        }),
        (1990i32..=2025, 1u32..=12).prop_map(|(year, month)| PurchaseDate::Month { year, month }),
    ]
}

fn row() -> impl Strategy<Value = LedgerRow> {
    let paths = class_paths();
    (
        proptest::option::of("[0-9]{1,4}|[A-Z]-[0-9]{1,3}|0[0-9]{1,2}"),
        "设备[\\p{Han}A-Za-z0-9]{0,12}( [A-Za-z0-9-]{1,6})?",
        proptest::option::of("[A-Za-z0-9/.-]{1,10}"),
        purchase_date(),
        0..paths.len(),
        0i64..=100_000_000_000_000,
        1u32..=1_000_000,
        any::<bool>(),
        proptest::array::uniform3(proptest::option::of(any::<bool>())),
        proptest::array::uniform3(any::<bool>()),
    )
        .prop_map(
            move |(
                seq,
                name,
                model,
                purchase_date,
                class,
                fen,
                units,
                domestic,
                optional,
                required,
            )| {
                let class = paths.get(class).cloned().expect("index in range");
                let equipment = class.level1 == ffe_ledger::EQUIPMENT_CLASS;
                let flag = |i: usize| {
                    if equipment {
                        Some(required[i])
                    } else {
                        optional[i]
                    }
                };
                LedgerRow {
                    seq,
                    name,
                    model,
                    purchase_date,
                    class,
                    unit_price_wan: Wan::from_fen(fen),
                    units,
                    domestic,
                    networked: flag(0),
                    data_collection: flag(1),
                    info_receiving: flag(2),
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]
    #[test]
    fn import_of_export_gives_the_rows_back(rows in proptest::collection::vec(row(), 0..25)) {
        let bytes = ffe_ledger::export(&rows, taxonomy()).expect("export");
        let import = ffe_ledger::import(&bytes, "export.xlsx", &options()).expect("readable");
        prop_assert!(import.errors.is_empty(), "{:?}", import.errors);
        prop_assert_eq!(import.rows, rows);
    }
}

#[test]
fn the_blank_template_imports_clean_and_empty() {
    let bytes = ffe_ledger::template(taxonomy()).expect("template");
    let import = ffe_ledger::import(&bytes, "模板.xlsx", &options()).expect("readable");
    assert!(import.rows.is_empty());
    assert!(import.is_clean());
}
