//! One sheet, row by row: find the header among the first rows, skip what is not a ledger row,
//! parse the rest into [`LedgerRow`]s or [`RowError`]s. Rows arrive one at a time so that a
//! reader can stream a large file without holding its cells.

use chrono::NaiveDate;
use ffe_index::Taxonomy;

use crate::cell::Cell;
use crate::class::{ClassIndex, Level};
use crate::column::{Column, ColumnMap};
use crate::error::{LedgerError, RowError};
use crate::metrics::{EQUIPMENT_CLASS, Metrics};
use crate::parse::{DateRules, parse_date, parse_price, parse_units, parse_yes_no};
use crate::row::LedgerRow;
use crate::text::{clean_text, value_key};

/// The header must be within the first this many rows of a sheet.
pub const HEADER_SEARCH_ROWS: u32 = 30;
/// The most ledger rows one file may hold.
pub const MAX_LEDGER_ROWS: u32 = 200_000;
/// The longest 序号, 名称 or 规格型号 accepted, in characters (a cell can hold 32,767).
pub const MAX_TEXT_CHARS: usize = 500;
/// Errors kept in the report; further rejected rows are still counted in the metrics.
pub const MAX_REPORTED_ERRORS: usize = 10_000;

/// What the caller decides: the purchase-date window, and the day that counts as today.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Only rows purchased on or after this day count.
    pub since: Option<NaiveDate>,
    /// Only rows purchased on or before this day count.
    pub until: Option<NaiveDate>,
    /// Purchase dates after this day are refused. `None`: no future-date check.
    pub today: Option<NaiveDate>,
}

/// The result of an import: the valid rows inside the window, every refused row, the metrics.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Import {
    pub rows: Vec<LedgerRow>,
    pub errors: Vec<RowError>,
    pub metrics: Metrics,
}

impl Import {
    /// True when no row was refused.
    pub fn is_clean(&self) -> bool {
        self.metrics.rows_rejected == 0
    }
}

enum State {
    Searching {
        best: Option<(u32, usize, Vec<Column>)>,
        /// The row before, for a header that spans two rows.
        previous: Option<(u32, Vec<Cell>)>,
    },
    Reading {
        columns: ColumnMap,
    },
}

/// The row-by-row parser of one sheet.
pub struct SheetParser<'a> {
    classes: &'a ClassIndex,
    taxonomy: &'a Taxonomy,
    options: ImportOptions,
    state: State,
    rows: Vec<LedgerRow>,
    errors: Vec<RowError>,
    ledger_rows: u32,
    rows_rejected: u32,
    rows_outside_window: u32,
}

impl<'a> SheetParser<'a> {
    pub fn new(classes: &'a ClassIndex, taxonomy: &'a Taxonomy, options: ImportOptions) -> Self {
        SheetParser {
            classes,
            taxonomy,
            options,
            state: State::Searching {
                best: None,
                previous: None,
            },
            rows: Vec::new(),
            errors: Vec::new(),
            ledger_rows: 0,
            rows_rejected: 0,
            rows_outside_window: 0,
        }
    }

    /// One sheet row; `row` is 1-based as Excel shows it. Rows may skip numbers, never go back.
    /// Fails with [`LedgerError::HeaderNotFound`] once the header search window is passed.
    pub fn push(&mut self, row: u32, cells: &[Cell]) -> Result<(), LedgerError> {
        match &mut self.state {
            State::Searching { best, previous } => {
                if row > HEADER_SEARCH_ROWS {
                    return Err(header_not_found(best.as_ref()));
                }
                let two_rows = previous
                    .take()
                    .filter(|(above, _)| above.checked_add(1) == Some(row))
                    .map(|(_, upper)| ColumnMap::from_two_rows(&upper, cells));
                match (ColumnMap::from_row(cells), two_rows) {
                    (Ok(columns), _) | (_, Some(Ok(columns))) => {
                        self.state = State::Reading { columns };
                    }
                    (Err((found, missing)), _) => {
                        if found > 2 && best.as_ref().is_none_or(|(_, f, _)| found > *f) {
                            *best = Some((row, found, missing));
                        }
                        *previous = Some((row, cells.to_vec()));
                    }
                }
                Ok(())
            }
            State::Reading { columns } => {
                if skippable(columns, cells) {
                    return Ok(());
                }
                self.ledger_rows += 1;
                if self.ledger_rows > MAX_LEDGER_ROWS {
                    return Err(LedgerError::TooManyRows {
                        limit: MAX_LEDGER_ROWS,
                    });
                }
                let rules = DateRules {
                    today: self.options.today,
                };
                match parse_row(columns, cells, self.classes, rules) {
                    Ok(record) => {
                        if record
                            .purchase_date
                            .within(self.options.since, self.options.until)
                        {
                            self.rows.push(record);
                        } else {
                            self.rows_outside_window += 1;
                        }
                    }
                    Err(problems) => {
                        self.rows_rejected += 1;
                        for (column, message) in problems {
                            if self.errors.len() < MAX_REPORTED_ERRORS {
                                self.errors.push(RowError {
                                    row,
                                    column: column.header().to_owned(),
                                    message,
                                });
                            }
                        }
                    }
                }
                Ok(())
            }
        }
    }

    /// The sheet has ended: the import, or why the header was not found.
    pub fn finish(self) -> Result<Import, LedgerError> {
        if let State::Searching { best, .. } = &self.state {
            return Err(header_not_found(best.as_ref()));
        }
        let metrics = Metrics::compute(
            &self.rows,
            self.taxonomy,
            self.rows_outside_window,
            self.rows_rejected,
        );
        Ok(Import {
            rows: self.rows,
            errors: self.errors,
            metrics,
        })
    }
}

fn header_not_found(best: Option<&(u32, usize, Vec<Column>)>) -> LedgerError {
    let detail = match best {
        Some((row, _, missing)) => {
            let names: Vec<&str> = missing.iter().map(|c| c.header()).collect();
            format!("；第 {row} 行像是表头，但缺少：{}", names.join("、"))
        }
        None => String::new(),
    };
    LedgerError::HeaderNotFound {
        searched: HEADER_SEARCH_ROWS,
        detail,
    }
}

/// Blank rows, rows with only a 序号, total rows, notes under the table, a repeated header.
fn skippable(columns: &ColumnMap, cells: &[Cell]) -> bool {
    let filled: Vec<&Cell> = cells.iter().filter(|c| !c.is_blank()).collect();
    if filled.is_empty() {
        return true;
    }
    let content_columns = Column::ALL.into_iter().filter(|c| *c != Column::Seq);
    if content_columns
        .clone()
        .all(|c| columns.get(cells, c).is_blank())
    {
        return true;
    }
    let is_total = |cell: &Cell| match cell {
        Cell::Text(text) => {
            let key = value_key(text);
            ["合计", "小计", "总计"].iter().any(|t| key.starts_with(t))
        }
        _ => false,
    };
    if is_total(columns.get(cells, Column::Seq))
        || is_total(columns.get(cells, Column::Name))
        || filled.first().is_some_and(|c| is_total(c))
    {
        return true;
    }
    if let [Cell::Text(only)] = filled.as_slice() {
        let key = value_key(only);
        const NOTES: [&str; 9] = [
            "注",
            "备注",
            "说明",
            "填表",
            "填报",
            "制表",
            "审核",
            "负责人",
            "联系人",
        ];
        if NOTES.iter().any(|n| key.starts_with(n)) {
            return true;
        }
    }
    columns.is_header_again(cells)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    fn header() -> Vec<Cell> {
        Column::ALL.iter().map(|c| t(c.header())).collect()
    }

    fn parser_with_header<'a>(classes: &'a ClassIndex, taxonomy: &'a Taxonomy) -> SheetParser<'a> {
        let mut parser = SheetParser::new(classes, taxonomy, ImportOptions::default());
        parser
            .push(1, &[t("附录 2 企业设备系统购置情况一览表")])
            .expect("title");
        parser.push(2, &header()).expect("header");
        parser
    }

    #[test]
    fn skipped_rows_are_neither_rows_nor_errors() {
        let taxonomy = ffe_index::shipped::taxonomy().expect("taxonomy");
        let classes = ClassIndex::new(taxonomy);
        let mut parser = parser_with_header(&classes, taxonomy);
        let rows: Vec<Vec<Cell>> = vec![
            vec![Cell::Number(1.0)],
            vec![t(" "), Cell::Empty, t("\n")],
            vec![
                t("合 计"),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Number(3.0),
            ],
            vec![Cell::Empty, t("小计")],
            vec![t("注：以上金额为含税价")],
            vec![t("制表人：李四")],
            header(),
        ];
        for (i, cells) in rows.iter().enumerate() {
            parser.push(3 + i as u32, cells).expect("push");
        }
        let import = parser.finish().expect("header found");
        assert!(import.rows.is_empty());
        assert!(import.errors.is_empty(), "{:?}", import.errors);
        assert_eq!(import.metrics.rows_rejected, 0);
    }

    #[test]
    fn the_header_must_come_within_the_first_rows() {
        let taxonomy = ffe_index::shipped::taxonomy().expect("taxonomy");
        let classes = ClassIndex::new(taxonomy);
        let mut parser = SheetParser::new(&classes, taxonomy, ImportOptions::default());
        assert!(parser.push(HEADER_SEARCH_ROWS, &[t("x")]).is_ok());
        assert!(matches!(
            parser.push(HEADER_SEARCH_ROWS + 1, &header()),
            Err(LedgerError::HeaderNotFound { .. })
        ));
    }

    #[test]
    fn overlong_text_is_refused() {
        let taxonomy = ffe_index::shipped::taxonomy().expect("taxonomy");
        let classes = ClassIndex::new(taxonomy);
        let mut parser = parser_with_header(&classes, taxonomy);
        let long = "机".repeat(MAX_TEXT_CHARS + 1);
        parser.push(3, &[Cell::Empty, t(&long)]).expect("push");
        let import = parser.finish().expect("header");
        assert!(
            import
                .errors
                .iter()
                .any(|e| e.column == "设备系统名称"
                    && e.message == "内容过长（501 个字符，上限 500）")
        );
    }

    #[test]
    fn a_note_like_row_with_more_content_is_a_ledger_row() {
        let taxonomy = ffe_index::shipped::taxonomy().expect("taxonomy");
        let classes = ClassIndex::new(taxonomy);
        let mut parser = parser_with_header(&classes, taxonomy);
        parser
            .push(3, &[Cell::Empty, t("注塑机"), t("HX-1")])
            .expect("push");
        let import = parser.finish().expect("header");
        assert_eq!(import.metrics.rows_rejected, 1);
        assert!(import.errors.iter().all(|e| e.row == 3));
        assert!(
            import
                .errors
                .iter()
                .any(|e| e.message == "缺少购置时间（按发票日期）")
        );
    }
}
