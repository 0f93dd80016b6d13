//! `ffe ledger …`: template, import with row errors and exit codes, export back.

use std::io::Write;

use super::{ffe, stdout};

const HEADER: &str = "序号,设备系统名称,规格型号,购置时间（按发票日期）,设备系统一级分类名称,设备系统二级分类名称,设备系统三级分类名称,设备系统单价（万元）,设备系统台套数,是否国产,是否联网,是否支持数据采集,是否支持信息接收\n";

fn csv(rows: &str) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new()
        .suffix(".csv")
        .tempfile()
        .expect("temp file");
    write!(file, "附录 2 企业设备系统购置情况一览表\n{HEADER}{rows}").expect("write");
    file
}

fn path(file: &tempfile::NamedTempFile) -> &str {
    file.path().to_str().expect("utf-8 path")
}

#[test]
fn a_clean_ledger_exits_zero_with_metrics() {
    let file = csv(
        "1,五轴加工中心,DMU 65,2021/3/5,智能制造装备,数控机床,加工中心,\"1,200\",2,否,是,是,是\n\
         2,焊接机器人,R-30,2022年6月,智能制造装备,工业机器人,焊接机器人,35万元,4,是,N,√,否\n\
         ,合计,,,,,,,,,,,\n",
    );
    let out = ffe(&[
        "ledger",
        "import",
        path(&file),
        "--format",
        "json",
        "--today",
        "2026-11-28",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["rows"].as_array().map(Vec::len), Some(2));
    assert_eq!(json["errors"].as_array().map(Vec::len), Some(0));
    // 2 × 1200 + 4 × 35 万元; 2 of 6 equipment units networked.
    assert_eq!(json["metrics"]["total_investment_wan"], 2540.0);
    let rate = json["metrics"]["networking_rate_pct"]
        .as_f64()
        .expect("rate");
    assert!((rate - 100.0 / 3.0).abs() < 1e-9, "{rate}");
}

#[test]
fn refused_rows_exit_one_and_say_row_column_and_why() {
    let file = csv(
        "1,五轴加工中心,DMU 65,2021/3/5,智能制造装备,数控机床,加工中心,120,2,否,是,是,是\n\
         2,坏行,X,2021-02-30,智能制造装备,数控机床,焊接机器人,-5,1,也许,是,是,是\n\
         3,未来设备,Y,2030-01-01,智能制造装备,数控机床,加工中心,10,1,是,是,是,是\n",
    );
    let out = ffe(&[
        "ledger",
        "import",
        path(&file),
        "--format",
        "json",
        "--today",
        "2026-11-28",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let errors = json["errors"].as_array().expect("errors");
    let at = |row: u64, column: &str| {
        errors
            .iter()
            .find(|e| e["row"] == row && e["column"] == column)
            .and_then(|e| e["message"].as_str())
            .unwrap_or_else(|| panic!("no error at row {row}, {column}: {errors:?}"))
            .to_string()
    };
    // Sheet rows as Excel shows them: title row 1, header row 2, data from row 3.
    assert!(at(4, "购置时间（按发票日期）").contains("不存在"));
    assert!(at(4, "设备系统三级分类名称").contains("不属于"));
    assert!(at(4, "设备系统单价（万元）").contains("负数"));
    assert!(at(4, "是否国产").contains("也许"));
    assert!(at(5, "购置时间（按发票日期）").contains("晚于"));
    // The valid row is still imported and measured.
    assert_eq!(json["rows"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["metrics"]["total_investment_wan"], 240.0);
}

#[test]
fn an_unreadable_file_exits_two() {
    let mut file = tempfile::Builder::new()
        .suffix(".xlsx")
        .tempfile()
        .expect("temp file");
    file.write_all(b"<html>not a workbook</html>")
        .expect("write");
    let out = ffe(&["ledger", "import", path(&file)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("无法读取"));
}

#[test]
fn template_and_export_round_trip_through_the_cli() {
    let dir = tempfile::tempdir().expect("temp dir");
    let template = dir.path().join("template.xlsx");
    let out = ffe(&["ledger", "template", "-o", template.to_str().expect("path")]);
    assert!(out.status.success());
    // The blank template imports clean, with no rows.
    let blank = ffe(&[
        "ledger",
        "import",
        template.to_str().expect("path"),
        "--format",
        "json",
    ]);
    assert_eq!(blank.status.code(), Some(0), "{}", stdout(&blank));

    let source = csv(
        "1,智能分拣线,,2023-02-01,智能制造装备,智能物流与仓储装备,智能分拣机,180,1,是,否,是,否\n",
    );
    let exported = dir.path().join("export.xlsx");
    let out = ffe(&[
        "ledger",
        "export",
        path(&source),
        "-o",
        exported.to_str().expect("path"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = ffe(&[
        "ledger",
        "import",
        exported.to_str().expect("path"),
        "--format",
        "json",
    ]);
    assert_eq!(again.status.code(), Some(0));
    let first = ffe(&["ledger", "import", path(&source), "--format", "json"]);
    let rows = |o: &std::process::Output| {
        serde_json::from_slice::<serde_json::Value>(&o.stdout).expect("json")["rows"].clone()
    };
    assert_eq!(rows(&again), rows(&first));
}
