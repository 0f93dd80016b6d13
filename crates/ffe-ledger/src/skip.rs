//! Rows inside the table that are not ledger rows and are passed over without an error.

use crate::cell::Cell;
use crate::column::{Column, ColumnMap};
use crate::text::value_key;

/// Blank rows, rows with only a 序号, total rows, notes under the table, a repeated header.
pub fn skippable(columns: &ColumnMap, cells: &[Cell]) -> bool {
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
