//! In-process import throughput: 10,000 generated rows as .xlsx (written by `export`) and as a
//! messy CSV. `cargo bench -p ffe-ledger --bench import`. The whole-command comparison with
//! openpyxl and pandas is `compare_import.py` beside this file.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use ffe_ledger::{ClassPath, ImportOptions, LedgerRow, PurchaseDate, Wan};

const ROWS: usize = 10_000;

fn taxonomy() -> &'static ffe_index::Taxonomy {
    match ffe_index::shipped::taxonomy() {
        Ok(t) => t,
        Err(problems) => panic!("shipped taxonomy: {problems}"),
    }
}

fn rows() -> Vec<LedgerRow> {
    let leaves = taxonomy().leaf_paths();
    let base = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default();
    (0..ROWS)
        .map(|i| {
            let path = &leaves[i % leaves.len()];
            let equipment = path[0] == ffe_ledger::EQUIPMENT_CLASS;
            let flag = |k: usize| equipment.then_some(!(i + k).is_multiple_of(3));
            LedgerRow {
                seq: Some((i + 1).to_string()),
                name: format!("设备系统-{i}"),
                model: Some(format!("M{}", i % 997)),
                purchase_date: PurchaseDate::Day(base + chrono::Duration::days((i % 3600) as i64)),
                class: ClassPath {
                    level1: path[0].to_owned(),
                    level2: path[1].to_owned(),
                    level3: path.get(2).map(|s| (*s).to_owned()),
                },
                unit_price_wan: Wan::from_fen(((i % 9000) as i64 + 50) * 10_000),
                units: (i % 29 + 1) as u32,
                domestic: !i.is_multiple_of(4),
                networked: flag(0),
                data_collection: flag(1),
                info_receiving: flag(2),
            }
        })
        .collect()
}

fn messy_csv(rows: &[LedgerRow]) -> String {
    let mut out = String::from(
        "附录 2 企业设备系统购置情况一览表\n序号,设备系统名称,规格型号,购置时间 (按发票日期),设备系统一级 分类名称,设备系统二级 分类名称,设备系统三级 分类名称,设备系统单价 (万元),设备系统 台套数,是否 国产,是否 联网,是否支持数 据采集,是否支持信 息接收\n",
    );
    let yes_no = |b: Option<bool>, i: usize| match b {
        Some(true) => ["是", "Y", "√"][i % 3],
        Some(false) => ["否", "N", "×"][i % 3],
        None => "",
    };
    for (i, r) in rows.iter().enumerate() {
        let date = match r.purchase_date {
            PurchaseDate::Day(d) if i % 2 == 0 => d.format("%Y年%-m月%-d日").to_string(),
            other => other.to_string(),
        };
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{}万元,{}台,{},{},{},{}\n",
            i + 1,
            r.name,
            r.model.as_deref().unwrap_or(""),
            date,
            r.class.level1,
            r.class.level2.replace("其它", "其他"),
            r.class.level3.as_deref().unwrap_or(""),
            r.unit_price_wan.as_wan_f64(),
            r.units,
            yes_no(Some(r.domestic), i),
            yes_no(r.networked, i),
            yes_no(r.data_collection, i),
            yes_no(r.info_receiving, i),
        ));
    }
    out
}

fn bench(c: &mut Criterion) {
    let rows = rows();
    let xlsx = match ffe_ledger::export(&rows, taxonomy()) {
        Ok(bytes) => bytes,
        Err(e) => panic!("export: {e}"),
    };
    let csv = messy_csv(&rows);
    let options = ImportOptions {
        today: NaiveDate::from_ymd_opt(2026, 11, 28),
        ..ImportOptions::default()
    };
    let mut group = c.benchmark_group("import 10k rows");
    group.sample_size(10);
    group.bench_function("xlsx", |b| {
        b.iter(|| ffe_ledger::import(black_box(&xlsx), "a.xlsx", &options).map(|i| i.rows.len()))
    });
    // The reader alone, for comparison: how much of the import is calamine's streaming.
    group.bench_function("xlsx cells only (calamine)", |b| {
        b.iter(|| {
            let mut workbook: calamine::Xlsx<_> =
                calamine::Reader::new(std::io::Cursor::new(black_box(&xlsx))).expect("xlsx");
            let mut cells = workbook
                .worksheet_cells_reader("设备系统购置情况")
                .expect("sheet");
            let mut n = 0usize;
            while let Ok(Some(_)) = cells.next_cell() {
                n += 1;
            }
            n
        })
    });
    group.bench_function("messy csv", |b| {
        b.iter(|| {
            ffe_ledger::import(black_box(csv.as_bytes()), "a.csv", &options).map(|i| i.rows.len())
        })
    });
    group.bench_function("export xlsx", |b| {
        b.iter(|| ffe_ledger::export(black_box(&rows), taxonomy()).map(|v| v.len()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
