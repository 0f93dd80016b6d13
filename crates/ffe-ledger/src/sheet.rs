//! One sheet, row by row: find the header among the first rows, skip what is not a ledger row,
//! parse the rest into [`LedgerRow`]s or [`RowError`]s. Rows arrive one at a time so that a
//! reader can stream a large file without holding its cells.

use chrono::NaiveDate;
use ffe_index::Taxonomy;

use crate::cell::Cell;
use crate::class::ClassIndex;
use crate::column::{Column, ColumnMap};
use crate::error::{LedgerError, RowError};
use crate::metrics::Metrics;
use crate::parse::DateRules;
use crate::record::parse_row;
use crate::row::LedgerRow;
use crate::skip::skippable;

/// The header must be within the first this many rows of a sheet.
pub const HEADER_SEARCH_ROWS: u32 = 30;
/// The most ledger rows one file may hold.
pub const MAX_LEDGER_ROWS: u32 = 200_000;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::MAX_TEXT_CHARS;

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
