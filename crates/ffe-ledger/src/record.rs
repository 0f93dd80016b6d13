//! One sheet row into one [`LedgerRow`], or every problem in it, each naming its column.

use crate::cell::Cell;
use crate::class::{ClassIndex, Level};
use crate::column::{Column, ColumnMap};
use crate::metrics::EQUIPMENT_CLASS;
use crate::parse::{DateRules, parse_date, parse_price, parse_units, parse_yes_no};
use crate::row::LedgerRow;
use crate::text::clean_text;

/// The longest 序号, 名称 or 规格型号 accepted, in characters (a cell can hold 32,767).
pub const MAX_TEXT_CHARS: usize = 500;

type Problems = Vec<(Column, String)>;

/// One ledger row, or every problem in it.
pub fn parse_row(
    columns: &ColumnMap,
    cells: &[Cell],
    classes: &ClassIndex,
    rules: DateRules,
) -> Result<LedgerRow, Problems> {
    let mut problems: Problems = Vec::new();
    let cell = |column: Column| columns.get(cells, column);
    // An Excel error value (#REF!, #N/A) is a problem in any column.
    for column in Column::ALL {
        if let Cell::Error(e) = cell(column) {
            problems.push((column, format!("单元格为错误值 {e}，请填写实际内容")));
        }
    }
    let has_error = |column: Column| matches!(cell(column), Cell::Error(_));

    let text = |column: Column| -> Option<String> {
        match cell(column) {
            Cell::Error(_) => None,
            Cell::Date(serial) => parse_date(&Cell::Date(*serial), DateRules::default())
                .ok()
                .flatten()
                .map(|d| d.to_string()),
            other => Some(clean_text(&other.display())).filter(|t| !t.is_empty()),
        }
    };

    let seq = text(Column::Seq);
    let model = text(Column::Model);
    let name = text(Column::Name);
    if name.is_none() && !has_error(Column::Name) {
        problems.push((Column::Name, "缺少设备系统名称".to_owned()));
    }
    for (column, value) in [
        (Column::Seq, &seq),
        (Column::Name, &name),
        (Column::Model, &model),
    ] {
        if let Some(value) = value
            && value.chars().count() > MAX_TEXT_CHARS
        {
            problems.push((
                column,
                format!(
                    "内容过长（{} 个字符，上限 {MAX_TEXT_CHARS}）",
                    value.chars().count()
                ),
            ));
        }
    }

    let purchase_date = take(
        Column::PurchaseDate,
        parse_date(cell(Column::PurchaseDate), rules),
        "缺少购置时间（按发票日期）",
        has_error(Column::PurchaseDate),
        &mut problems,
    );

    let level = |column: Column| text(column);
    let class = match classes.resolve(
        level(Column::Level1).as_deref(),
        level(Column::Level2).as_deref(),
        level(Column::Level3).as_deref(),
    ) {
        Ok(path) => Some(path),
        Err(errors) => {
            for (lvl, message) in errors {
                let column = match lvl {
                    Level::One => Column::Level1,
                    Level::Two => Column::Level2,
                    Level::Three => Column::Level3,
                };
                if !has_error(column) {
                    problems.push((column, message));
                }
            }
            None
        }
    };

    let unit_price = take(
        Column::UnitPrice,
        parse_price(cell(Column::UnitPrice)),
        "缺少设备系统单价（万元）",
        has_error(Column::UnitPrice),
        &mut problems,
    );
    let units = take(
        Column::Units,
        parse_units(cell(Column::Units)),
        "缺少设备系统台套数",
        has_error(Column::Units),
        &mut problems,
    );
    let domestic = take(
        Column::Domestic,
        parse_yes_no(cell(Column::Domestic)),
        "缺少“是否国产”，请填写“是”或“否”",
        has_error(Column::Domestic),
        &mut problems,
    );

    // The three capabilities feed the equipment metrics: required on equipment rows only.
    let is_equipment = class.as_ref().is_some_and(|c| c.level1 == EQUIPMENT_CLASS);
    let capability = |column: Column, problems: &mut Problems| {
        let missing = if is_equipment {
            format!("智能制造装备须填写“{}”（是或否）", column.header())
        } else {
            String::new()
        };
        take(
            column,
            parse_yes_no(cell(column)),
            &missing,
            has_error(column),
            problems,
        )
    };
    let networked = capability(Column::Networked, &mut problems);
    let data_collection = capability(Column::DataCollection, &mut problems);
    let info_receiving = capability(Column::InfoReceiving, &mut problems);

    match (name, purchase_date, class, unit_price, units, domestic) {
        (
            Some(name),
            Some(purchase_date),
            Some(class),
            Some(unit_price_wan),
            Some(units),
            Some(domestic),
        ) if problems.is_empty() => Ok(LedgerRow {
            seq,
            name,
            model,
            purchase_date,
            class,
            unit_price_wan,
            units,
            domestic,
            networked,
            data_collection,
            info_receiving,
        }),
        _ => {
            if problems.is_empty() {
                // Unreachable by construction; kept so that a refused row always says why.
                problems.push((Column::Name, "此行无法读取".to_owned()));
            }
            Err(problems)
        }
    }
}

/// A parsed value, or its problem recorded: a refusal, or a blank where `missing` says it is
/// required (an empty `missing`: optional). A cell holding an Excel error is already reported.
fn take<T>(
    column: Column,
    result: Result<Option<T>, String>,
    missing: &str,
    is_error_cell: bool,
    problems: &mut Problems,
) -> Option<T> {
    match result {
        Ok(Some(v)) => Some(v),
        Ok(None) => {
            if !is_error_cell && !missing.is_empty() {
                problems.push((column, missing.to_owned()));
            }
            None
        }
        Err(message) => {
            if !is_error_cell {
                problems.push((column, message));
            }
            None
        }
    }
}
