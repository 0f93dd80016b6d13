//! A ledger as people really fill it in: title and notes around the table, a shifted table,
//! headers with line breaks and mixed brackets, every accepted variant, and seven kinds of error.

use ffe_ledger::{Import, LedgerError, PurchaseDate, RowError};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::support::{date, options};

/// One row of the messy sheet: (Excel row, cells from column B).
type Row<'a> = (u32, Vec<Value<'a>>);

enum Value<'a> {
    T(&'a str),
    N(f64),
    B(bool),
    D(u16, u8, u8),
    E,
}
use Value::{B, D, E, N, T};

fn messy_workbook() -> Vec<u8> {
    let mut workbook = Workbook::new();
    // An instructions sheet first: the importer must pass over it.
    let notes = workbook.add_worksheet();
    notes.set_name("说明").expect("name");
    notes.write(0, 0, "请在第二个工作表填写").expect("write");

    let sheet = workbook.add_worksheet();
    sheet.set_name("设备清单").expect("name");
    let date_format = Format::new().set_num_format("yyyy/m/d");
    sheet
        .merge_range(
            0,
            0,
            0,
            13,
            "附录 2 企业设备系统购置情况一览表",
            &Format::new(),
        )
        .expect("merge");
    sheet
        .write(1, 0, "填报单位：某某智造有限公司（盖章）")
        .expect("write");
    let headers = [
        "序 号",
        "设备系统名称",
        "规格型号",
        "购置时间\n（按发票日期）",
        "设备系统一级\n分类名称",
        "设备系统二级 分类名称",
        "设备系统三级分类名称",
        "设备系统单价(万元)",
        "设备系统\n台套数",
        "是否\n国产",
        "是否 联网",
        "是否支持数\n据采集",
        "是否支持信\n息接收",
    ];
    for (i, h) in headers.iter().enumerate() {
        sheet.write(2, 1 + i as u16, *h).expect("header");
    }
    let rows: Vec<Row> = vec![
        (
            4,
            vec![
                N(1.0),
                T("五轴加工中心"),
                T("DMU 50"),
                D(2021, 3, 5),
                T("智能制造装备"),
                T("数控机床"),
                T("加工中心"),
                N(120.5),
                N(2.0),
                T("是"),
                T("Y"),
                T("√"),
                T("×"),
            ],
        ),
        (
            6,
            vec![
                N(2.0),
                T(" 焊接机器人 "),
                T("R-2000iC"),
                T("2021年3月"),
                T("智能制造装备"),
                T("工业机器人"),
                T("焊接机器人"),
                T("35万元"),
                T("4台"),
                T(" 否 "),
                T("yes"),
                T("✓"),
                T("✗"),
            ],
        ),
        (
            7,
            vec![
                N(3.0),
                T("ERP系统"),
                E,
                T("2022/1/15"),
                T("工业控制系统与工业软件"),
                T("经营管理类软件"),
                T("ERP"),
                T("1,250万"),
                N(1.0),
                T("是"),
                E,
                E,
                E,
            ],
        ),
        (
            8,
            vec![
                N(4.0),
                T("自动化立体库"),
                T("AS/RS-3"),
                T("2020.12.1"),
                T("智能制造装备"),
                T("智能物流与仓储装备"),
                T("自动化立体仓库"),
                N(800.0),
                N(1.0),
                B(true),
                N(1.0),
                N(0.0),
                T("false"),
            ],
        ),
        (9, vec![N(5.0)]),
        (
            10,
            vec![
                N(6.0),
                T("三坐标测量机"),
                E,
                T("2021-02-30"),
                T("智能制造装备"),
                T("数控机床"),
                T("焊接机器人"),
                N(-3.0),
                N(2.5),
                T("部分"),
                T("是"),
                T("是"),
                T("是"),
            ],
        ),
        (
            11,
            vec![
                N(7.0),
                E,
                E,
                T("2027-01-01"),
                T("智能制造装备"),
                T("其他类型装备"),
                T("可组态（配置）装备"),
                N(10.0),
                N(1.0),
                T("是"),
                E,
                T("是"),
                T("是"),
            ],
        ),
        (
            12,
            vec![
                N(8.0),
                T("产线仿真软件"),
                E,
                T("2021年6月8日"),
                T("整体解决方案"),
                T("系统 仿真"),
                T("其他"),
                T("0.5"),
                T("1"),
                T("Y"),
                T("N"),
                E,
                E,
            ],
        ),
        (13, vec![T("合计"), E, E, E, E, E, E, E, N(9.0)]),
        (15, vec![T("注：单价以万元计。")]),
        (16, vec![T("填表人：张三    联系电话：0571-00000000")]),
    ];
    for (excel_row, cells) in rows {
        for (i, value) in cells.into_iter().enumerate() {
            let (r, c) = (excel_row - 1, 1 + i as u16);
            match value {
                T(s) => {
                    sheet.write(r, c, s).expect("text");
                }
                N(n) => {
                    sheet.write(r, c, n).expect("number");
                }
                B(b) => {
                    sheet.write(r, c, b).expect("bool");
                }
                D(y, m, d) => {
                    let day = ExcelDateTime::from_ymd(y, m, d).expect("date");
                    sheet
                        .write_with_format(r, c, &day, &date_format)
                        .expect("date");
                }
                E => {}
            }
        }
    }
    workbook.save_to_buffer().expect("save")
}

fn import_messy() -> Import {
    ffe_ledger::import(&messy_workbook(), "台账 2026.xlsx", &options()).expect("readable")
}

fn error(row: u32, column: &str, message: &str) -> RowError {
    RowError {
        row,
        column: column.to_owned(),
        message: message.to_owned(),
    }
}

#[test]
fn exactly_the_right_errors() {
    let import = import_messy();
    assert_eq!(
        import.errors,
        vec![
            error(
                10,
                "购置时间（按发票日期）",
                "日期“2021-02-30”不存在：2021年2月没有 30 日"
            ),
            error(
                10,
                "设备系统三级分类名称",
                "三级分类“焊接机器人”不属于二级分类“数控机床”，应为：数控机床、加工中心、数控测量机、其他机床装备"
            ),
            error(10, "设备系统单价（万元）", "单价不能为负数（-3）"),
            error(10, "设备系统台套数", "台套数应为整数（2.5）"),
            error(10, "是否国产", "无法识别“部分”，请填写“是”或“否”"),
            error(11, "设备系统名称", "缺少设备系统名称"),
            error(
                11,
                "购置时间（按发票日期）",
                "购置时间 2027-01-01 晚于今天（2026-11-28），请按发票日期填写"
            ),
            error(11, "是否联网", "智能制造装备须填写“是否联网”（是或否）"),
        ]
    );
    assert_eq!(import.metrics.rows_rejected, 2);
    assert!(!import.is_clean());
}

#[test]
fn every_variant_is_normalised() {
    let import = import_messy();
    let names: Vec<&str> = import.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "五轴加工中心",
            "焊接机器人",
            "ERP系统",
            "自动化立体库",
            "产线仿真软件"
        ]
    );
    let [cnc, robot, erp, store, sim] = import.rows.as_slice() else {
        panic!("five rows");
    };
    assert_eq!(cnc.purchase_date, PurchaseDate::Day(date(2021, 3, 5)));
    assert_eq!(cnc.seq.as_deref(), Some("1"));
    assert_eq!(
        (cnc.networked, cnc.data_collection, cnc.info_receiving),
        (Some(true), Some(true), Some(false))
    );
    assert_eq!(
        robot.purchase_date,
        PurchaseDate::Month {
            year: 2021,
            month: 3
        }
    );
    assert_eq!(
        (
            robot.unit_price_wan.as_wan_f64(),
            robot.units,
            robot.domestic
        ),
        (35.0, 4, false)
    );
    assert_eq!(erp.class.level3.as_deref(), Some("企业资源计划 (ERP)"));
    assert_eq!(erp.unit_price_wan.as_wan_f64(), 1250.0);
    assert_eq!(erp.networked, None);
    assert_eq!(erp.model, None);
    assert_eq!(store.purchase_date, PurchaseDate::Day(date(2020, 12, 1)));
    assert_eq!(
        (
            store.domestic,
            store.networked,
            store.data_collection,
            store.info_receiving
        ),
        (true, Some(true), Some(false), Some(false))
    );
    assert_eq!(sim.class.level2, "系统仿真");
    assert_eq!(sim.class.level3.as_deref(), Some("其它"));
    assert_eq!(sim.purchase_date, PurchaseDate::Day(date(2021, 6, 8)));
}

#[test]
fn metrics_of_the_messy_ledger_match_the_hand_computation() {
    let m = import_messy().metrics;
    // Equipment: 2 + 4 + 1 units; networked 2 + 4 + 1; data collection 2 + 4; information 0.
    assert_eq!((m.equipment_units, m.equipment_networked_units), (7, 7));
    assert_eq!(
        (
            m.equipment_data_collection_units,
            m.equipment_info_receiving_units
        ),
        (6, 0)
    );
    assert_eq!(m.networking_rate_pct, Some(100.0));
    let collected = m.data_collection_share_pct.expect("equipment");
    assert!((collected - 600.0 / 7.0).abs() < 1e-9, "{collected}");
    assert_eq!(m.info_receiving_share_pct, Some(0.0));
    // 120.5×2 + 35×4 + 1250 + 800 + 0.5 = 2431.5; domestic: all but the robots.
    assert_eq!(m.total_investment_wan, 2431.5);
    assert_eq!(m.domestic_investment_wan, 2291.5);
    let share = m.domestic_value_share_pct.expect("some investment");
    assert!((share - 100.0 * 2291.5 / 2431.5).abs() < 1e-9, "{share}");
    assert_eq!((m.total_units, m.domestic_units), (9, 5));
    assert_eq!(m.domestic_unit_share_pct, Some(500.0 / 9.0));
    let summary: Vec<(&str, u64, f64)> = m
        .by_class
        .iter()
        .flat_map(|one| std::iter::once(one).chain(one.children.iter()))
        .map(|c| (c.name.as_str(), c.units, c.investment_wan))
        .collect();
    assert_eq!(
        summary,
        [
            ("整体解决方案", 1, 0.5),
            ("系统仿真", 1, 0.5),
            ("智能制造装备", 7, 1181.0),
            ("数控机床", 2, 241.0),
            ("工业机器人", 4, 140.0),
            ("智能物流与仓储装备", 1, 800.0),
            ("工业控制系统与工业软件", 1, 1250.0),
            ("经营管理类软件", 1, 1250.0),
        ]
    );
}

#[test]
fn the_window_narrows_rows_and_metrics() {
    let mut opts = options();
    opts.since = Some(date(2021, 1, 1));
    opts.until = Some(date(2021, 12, 31));
    let import = ffe_ledger::import(&messy_workbook(), "a.xlsx", &opts).expect("readable");
    // Out: the warehouse (2020-12-01) and the ERP (2022-01-15).
    assert_eq!(import.metrics.rows, 3);
    assert_eq!(import.metrics.rows_outside_window, 2);
    assert_eq!(import.metrics.total_investment_wan, 241.0 + 140.0 + 0.5);
    assert_eq!(import.metrics.equipment_units, 6);
    // Errors are reported whatever the window.
    assert_eq!(import.errors.len(), 8);
}

#[test]
fn a_sheet_without_the_ledger_header_is_unreadable_and_says_what_is_missing() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (i, h) in ["序号", "设备系统名称", "规格型号", "购置时间", "单价"]
        .iter()
        .enumerate()
    {
        sheet.write(0, i as u16, *h).expect("write");
    }
    let bytes = workbook.save_to_buffer().expect("save");
    let error = ffe_ledger::import(&bytes, "a.xlsx", &options()).expect_err("no header");
    let LedgerError::HeaderNotFound { detail, .. } = &error else {
        panic!("unexpected {error:?}");
    };
    assert!(
        detail.starts_with("；第 1 行像是表头，但缺少：设备系统一级分类名称"),
        "{detail}"
    );
    assert!(error.to_string().contains("没有找到表头行"));
}

#[test]
fn a_header_over_two_rows_with_merged_group_cells() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let merged = Format::new();
    sheet
        .merge_range(0, 0, 0, 12, "附录 2 企业设备系统购置情况一览表", &merged)
        .expect("title");
    for (c, h) in ["序号", "设备系统名称", "规格型号", "购置时间（按发票日期）"]
        .iter()
        .enumerate()
    {
        sheet
            .merge_range(1, c as u16, 2, c as u16, h, &merged)
            .expect("vertical merge");
    }
    sheet
        .merge_range(1, 4, 1, 6, "设备系统分类名称", &merged)
        .expect("group");
    sheet.write(1, 7, "设备系统").expect("split");
    sheet.write(1, 8, "设备系统").expect("split");
    sheet
        .merge_range(1, 9, 1, 12, "是否", &merged)
        .expect("group");
    let lower = [
        "一级",
        "二级",
        "三级",
        "单价（万元）",
        "台套数",
        "国产",
        "联网",
        "支持数据采集",
        "支持信息接收",
    ];
    for (i, h) in lower.iter().enumerate() {
        sheet.write(2, 4 + i as u16, *h).expect("lower");
    }
    let data = [
        "1",
        "数控车床",
        "CK6150",
        "2023-04-01",
        "智能制造装备",
        "数控机床",
        "数控机床",
        "18",
        "3",
        "是",
        "是",
        "否",
        "否",
    ];
    for (i, v) in data.iter().enumerate() {
        sheet.write(3, i as u16, *v).expect("data");
    }
    sheet.write(4, 1, "坏行").expect("data");
    let bytes = workbook.save_to_buffer().expect("save");
    let import = ffe_ledger::import(&bytes, "two-rows.xlsx", &options()).expect("readable");
    assert_eq!(import.rows.len(), 1);
    assert_eq!(import.rows[0].class.level3.as_deref(), Some("数控机床"));
    assert_eq!(import.metrics.networking_rate_pct, Some(100.0));
    assert!(
        import.errors.iter().all(|e| e.row == 5),
        "{:?}",
        import.errors
    );
    assert_eq!(import.metrics.rows_rejected, 1);
}
