//! Metrics against hand-computed values, from a CSV ledger; shares with a zero denominator.

use ffe_index::LedgerMetric;

use crate::support::options;

const HEADER: &str = "序号,设备系统名称,规格型号,购置时间（按发票日期）,设备系统一级分类名称,设备系统二级分类名称,设备系统三级分类名称,设备系统单价（万元）,设备系统台套数,是否国产,是否联网,是否支持数据采集,是否支持信息接收";

fn import(body: &str) -> ffe_ledger::Import {
    let csv = format!("{HEADER}\n{body}");
    ffe_ledger::import(csv.as_bytes(), "台账.csv", &options()).expect("readable")
}

#[test]
fn six_index_metrics_by_hand() {
    let import = import(
        "1,加工中心,VMC850,2022-05-01,智能制造装备,数控机床,加工中心,50,4,是,是,是,否\n\
         2,机器人,IRB,2022-06-01,智能制造装备,工业机器人,搬运机器人,20,6,否,否,是,是\n\
         3,MES,,2023-01-01,工业控制系统与工业软件,生产制造类软件,制造执行系统 (MES),100,1,是,是,否,否\n",
    );
    assert!(import.is_clean(), "{:?}", import.errors);
    let m = &import.metrics;
    // Equipment units 4 + 6 = 10; networked 4; data collection 10; information 6.
    assert_eq!(m.value(LedgerMetric::NetworkingRatePct), Some(40.0));
    assert_eq!(m.value(LedgerMetric::DataCollectionSharePct), Some(100.0));
    assert_eq!(m.value(LedgerMetric::InfoReceivingSharePct), Some(60.0));
    // 50×4 + 20×6 + 100 = 420; domestic 200 + 100 = 300.
    assert_eq!(m.value(LedgerMetric::TotalInvestmentWan), Some(420.0));
    let value_share = m.value(LedgerMetric::DomesticValueSharePct).expect("some");
    assert!((value_share - 100.0 * 300.0 / 420.0).abs() < 1e-9);
    // Units 11, domestic 5. The MES is not equipment, so its 是否联网 does not count.
    let unit_share = m.value(LedgerMetric::DomesticUnitSharePct).expect("some");
    assert!((unit_share - 100.0 * 5.0 / 11.0).abs() < 1e-9);
}

#[test]
fn shares_are_none_without_a_denominator() {
    let software =
        import("1,ERP,,2022-05-01,工业控制系统与工业软件,经营管理类软件,ERP,0,1,是,,,\n");
    let m = &software.metrics;
    assert_eq!(m.value(LedgerMetric::NetworkingRatePct), None);
    assert_eq!(m.value(LedgerMetric::DataCollectionSharePct), None);
    assert_eq!(m.value(LedgerMetric::InfoReceivingSharePct), None);
    assert_eq!(
        m.value(LedgerMetric::DomesticValueSharePct),
        None,
        "all prices are 0"
    );
    assert_eq!(m.value(LedgerMetric::DomesticUnitSharePct), Some(100.0));
    assert_eq!(m.value(LedgerMetric::TotalInvestmentWan), Some(0.0));
    let empty = import("");
    assert_eq!(empty.metrics.rows, 0);
    assert_eq!(
        empty.metrics.value(LedgerMetric::DomesticUnitSharePct),
        None
    );
}

#[test]
fn metrics_serialise_as_the_json_output() {
    let import = import("1,加工中心,,2022-05-01,智能制造装备,数控机床,加工中心,50,4,是,是,是,否\n");
    let json = serde_json::to_value(&import).expect("json");
    assert_eq!(json["metrics"]["networking_rate_pct"], 100.0);
    assert_eq!(
        json["metrics"]["by_class"][0]["children"][0]["name"],
        "数控机床"
    );
    assert_eq!(json["rows"][0]["purchase_date"], "2022-05-01");
    assert_eq!(json["rows"][0]["unit_price_wan"], 50.0);
    assert_eq!(json["errors"], serde_json::json!([]));
}
