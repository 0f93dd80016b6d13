//! .xls (BIFF8 in a compound file): checked by [`xls_guard`](super::xls_guard) first, then read
//! by calamine, whose sheets hold at most 65,536 rows.

use std::io::Cursor;

use calamine::{Reader, Xls, XlsError};

use crate::cell::Cell;
use crate::error::LedgerError;
use crate::read::SheetVisitor;
use crate::read::convert::from_data;
use crate::read::xls_guard::guard;

pub fn read(bytes: &[u8], visitor: &mut dyn SheetVisitor) -> Result<(), LedgerError> {
    guard(bytes)?;
    let mut workbook: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(map_error)?;
    let is_1904 = workbook.has_1904_epoch();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).map_err(map_error)?;
        visitor.sheet(&name);
        let (first_row, first_column) = range.start().unwrap_or((0, 0));
        for (offset, row) in range.rows().enumerate() {
            let mut cells: Vec<Cell> = vec![Cell::Empty; first_column as usize];
            cells.extend(row.iter().map(|d| from_data(d, is_1904)));
            while cells.last().is_some_and(Cell::is_blank) {
                cells.pop();
            }
            if cells.is_empty() {
                continue;
            }
            let number = first_row.saturating_add(u32::try_from(offset).unwrap_or(u32::MAX));
            if !visitor.row(number.saturating_add(1), &cells)? {
                break;
            }
        }
        if visitor.end()? {
            return Ok(());
        }
    }
    Ok(())
}

fn map_error(error: XlsError) -> LedgerError {
    match error {
        XlsError::Password => LedgerError::Encrypted,
        other => LedgerError::Corrupt(other.to_string()),
    }
}
