//! The ledger sheet as authorities hand it out: title row, the 13 headers, frozen panes, widths,
//! number formats, drop-downs; then the instructions and the hidden lists.

use ffe_index::Taxonomy;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatAlign,
    FormatBorder, Formula, Workbook, Worksheet,
};

use crate::column::Column;
use crate::error::LedgerError;
use crate::parse::date::to_serial;
use crate::row::{LedgerRow, PurchaseDate};
use crate::write::{lists, write_error};

pub const LEDGER_SHEET: &str = "设备系统购置情况";
pub const INSTRUCTIONS_SHEET: &str = "填表说明";
pub const TITLE: &str = "附录 2 企业设备系统购置情况一览表";
const INSTRUCTIONS: &str = include_str!("instructions.txt");
const HEADER_ROW: u32 = 1;
const FIRST_DATA_ROW: u32 = 2;
/// Rows of a blank template that carry the drop-downs; an export covers its rows and as many more.
const TEMPLATE_ROWS: u32 = 1000;
const DATE_FORMAT: &str = "yyyy-mm-dd";
const PRICE_FORMAT: &str = "#,##0.00####";

fn col(column: Column) -> u16 {
    Column::ALL.iter().position(|c| *c == column).unwrap_or(0) as u16
}

fn width(column: Column) -> f64 {
    match column {
        Column::Seq => 6.0,
        Column::Name => 26.0,
        Column::Model => 18.0,
        Column::PurchaseDate => 14.0,
        Column::Level1 => 20.0,
        Column::Level2 => 20.0,
        Column::Level3 => 28.0,
        Column::UnitPrice => 14.0,
        Column::Units => 10.0,
        _ => 11.0,
    }
}

pub fn workbook(taxonomy: &Taxonomy, rows: &[LedgerRow]) -> Result<Vec<u8>, LedgerError> {
    let mut workbook = Workbook::new();
    let count = u32::try_from(rows.len()).map_err(|_| LedgerError::Write("行数过多".to_owned()))?;
    let last_row =
        FIRST_DATA_ROW + count.max(TEMPLATE_ROWS) + if count > 0 { TEMPLATE_ROWS } else { 0 } - 1;

    workbook.add_worksheet();
    let instructions = workbook.add_worksheet();
    write_instructions(instructions)?;
    let (level2_formula, level3_formula) = lists::write(
        &mut workbook,
        taxonomy,
        FIRST_DATA_ROW,
        col(Column::Level1),
        col(Column::Level2),
    )?;
    let sheet = workbook.worksheet_from_index(0).map_err(write_error)?;
    sheet.set_name(LEDGER_SHEET).map_err(write_error)?;
    sheet.set_active(true);
    write_frame(sheet)?;
    add_validations(sheet, last_row, &level2_formula, &level3_formula)?;
    for (i, row) in rows.iter().enumerate() {
        let r = FIRST_DATA_ROW + u32::try_from(i).unwrap_or(u32::MAX - FIRST_DATA_ROW);
        write_row(sheet, r, row)?;
    }
    workbook.save_to_buffer().map_err(write_error)
}

fn write_frame(sheet: &mut Worksheet) -> Result<(), LedgerError> {
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color("#DDEBF7");
    let last_column = col(Column::InfoReceiving);
    sheet
        .merge_range(0, 0, 0, last_column, TITLE, &title)
        .map_err(write_error)?;
    sheet.set_row_height(0, 30).map_err(write_error)?;
    sheet.set_row_height(HEADER_ROW, 36).map_err(write_error)?;
    for column in Column::ALL {
        let c = col(column);
        sheet
            .write_string_with_format(HEADER_ROW, c, column.header(), &header)
            .map_err(write_error)?;
        sheet
            .set_column_width(c, width(column))
            .map_err(write_error)?;
    }
    sheet
        .set_column_format(
            col(Column::PurchaseDate),
            &Format::new().set_num_format(DATE_FORMAT),
        )
        .map_err(write_error)?;
    sheet
        .set_column_format(
            col(Column::UnitPrice),
            &Format::new().set_num_format(PRICE_FORMAT),
        )
        .map_err(write_error)?;
    sheet
        .set_column_format(col(Column::Units), &Format::new().set_num_format("0"))
        .map_err(write_error)?;
    sheet
        .set_freeze_panes(FIRST_DATA_ROW, 0)
        .map_err(write_error)?;
    Ok(())
}

fn add_validations(
    sheet: &mut Worksheet,
    last_row: u32,
    level2_formula: &str,
    level3_formula: &str,
) -> Result<(), LedgerError> {
    let whole_column = |sheet: &mut Worksheet, column: Column, validation: DataValidation| {
        let c = col(column);
        sheet
            .add_data_validation(FIRST_DATA_ROW, c, last_row, c, &validation)
            .map(|_| ())
            .map_err(write_error)
    };
    let stop = |title: &str, message: &str| -> Result<DataValidation, LedgerError> {
        DataValidation::new()
            .set_error_style(DataValidationErrorStyle::Stop)
            .set_error_title(title)
            .and_then(|v| v.set_error_message(message))
            .map_err(write_error)
    };

    for column in [
        Column::Domestic,
        Column::Networked,
        Column::DataCollection,
        Column::InfoReceiving,
    ] {
        let v = stop("请选择“是”或“否”", "此列只能填写“是”或“否”。")?
            .allow_list_strings(&["是", "否"])
            .map_err(write_error)?;
        whole_column(sheet, column, v)?;
    }
    let level1 = stop("分类不在附录 1 中", "请从下拉列表中选择一级分类。")?
        .allow_list_formula(Formula::new(format!("={}", lists::LEVEL1_NAME)));
    whole_column(sheet, Column::Level1, level1)?;
    let level2 = stop(
        "分类不在附录 1 中",
        "请先选择一级分类，再从下拉列表中选择二级分类。",
    )?
    .allow_list_formula(Formula::new(level2_formula));
    whole_column(sheet, Column::Level2, level2)?;
    let level3 = stop(
        "分类不在附录 1 中",
        "请先选择二级分类，再从下拉列表中选择三级分类。",
    )?
    .allow_list_formula(Formula::new(level3_formula));
    whole_column(sheet, Column::Level3, level3)?;
    let price = stop("单价有误", "单价以万元为单位，应为不小于 0 的数字。")?
        .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0));
    whole_column(sheet, Column::UnitPrice, price)?;
    let units = stop("台套数有误", "台套数应为正整数。")?
        .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(1));
    whole_column(sheet, Column::Units, units)?;
    let date = DataValidation::new()
        .allow_any_value()
        .set_input_title("购置时间")
        .and_then(|v| {
            v.set_input_message("按发票日期填写，如 2021-03-05；只知道月份可填 2021年3月。")
        })
        .map_err(write_error)?;
    whole_column(sheet, Column::PurchaseDate, date)?;
    Ok(())
}

fn write_row(sheet: &mut Worksheet, r: u32, row: &LedgerRow) -> Result<(), LedgerError> {
    let date_format = Format::new().set_num_format(DATE_FORMAT);
    let price_format = Format::new().set_num_format(PRICE_FORMAT);
    let text = |sheet: &mut Worksheet, column: Column, value: &str| {
        sheet
            .write_string(r, col(column), value)
            .map(|_| ())
            .map_err(write_error)
    };
    if let Some(seq) = &row.seq {
        // A 序号 that reads back the same as a number is written as one.
        match seq.parse::<u32>() {
            Ok(n) if n.to_string() == *seq => {
                sheet
                    .write_number(r, col(Column::Seq), f64::from(n))
                    .map_err(write_error)?;
            }
            _ => text(sheet, Column::Seq, seq)?,
        }
    }
    text(sheet, Column::Name, &row.name)?;
    if let Some(model) = &row.model {
        text(sheet, Column::Model, model)?;
    }
    match row.purchase_date {
        PurchaseDate::Day(day) => match to_serial(day) {
            Some(serial) => {
                sheet
                    .write_number_with_format(r, col(Column::PurchaseDate), serial, &date_format)
                    .map_err(write_error)?;
            }
            None => text(sheet, Column::PurchaseDate, &row.purchase_date.to_string())?,
        },
        PurchaseDate::Month { year, month } => {
            text(sheet, Column::PurchaseDate, &format!("{year}年{month}月"))?;
        }
    }
    text(sheet, Column::Level1, &row.class.level1)?;
    text(sheet, Column::Level2, &row.class.level2)?;
    if let Some(level3) = &row.class.level3 {
        text(sheet, Column::Level3, level3)?;
    }
    sheet
        .write_number_with_format(
            r,
            col(Column::UnitPrice),
            row.unit_price_wan.as_wan_f64(),
            &price_format,
        )
        .map_err(write_error)?;
    sheet
        .write_number(r, col(Column::Units), f64::from(row.units))
        .map_err(write_error)?;
    let yes_no = |b: bool| if b { "是" } else { "否" };
    text(sheet, Column::Domestic, yes_no(row.domestic))?;
    for (column, value) in [
        (Column::Networked, row.networked),
        (Column::DataCollection, row.data_collection),
        (Column::InfoReceiving, row.info_receiving),
    ] {
        if let Some(value) = value {
            text(sheet, column, yes_no(value))?;
        }
    }
    Ok(())
}

fn write_instructions(sheet: &mut Worksheet) -> Result<(), LedgerError> {
    sheet.set_name(INSTRUCTIONS_SHEET).map_err(write_error)?;
    sheet.set_column_width(0, 110).map_err(write_error)?;
    let title = Format::new().set_bold().set_font_size(14);
    let body = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    for (i, line) in INSTRUCTIONS.lines().enumerate() {
        let r = u32::try_from(i).unwrap_or(0);
        let format = if i == 0 { &title } else { &body };
        sheet
            .write_string_with_format(r, 0, line, format)
            .map_err(write_error)?;
    }
    Ok(())
}
