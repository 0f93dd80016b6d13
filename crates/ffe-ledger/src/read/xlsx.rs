//! .xlsx: checked as a zip first, then streamed cell by cell; never `worksheet_range`, which
//! allocates the declared dimensions.

use std::io::Cursor;

use calamine::{Reader, Xlsx, XlsxError};

use crate::error::LedgerError;
use crate::read::convert::from_ref;
use crate::read::limits::{MAX_COLUMNS, MAX_SHEET_ROWS, too_large};
use crate::read::{RowBuffer, SheetVisitor, zip_guard};

pub fn read(bytes: &[u8], visitor: &mut dyn SheetVisitor) -> Result<(), LedgerError> {
    zip_guard::check(bytes)?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(map_error)?;
    let is_1904 = workbook.has_1904_epoch();
    for name in workbook.sheet_names() {
        let mut cells = workbook.worksheet_cells_reader(&name).map_err(map_error)?;
        let end = cells.dimensions().end;
        if end.0 >= MAX_SHEET_ROWS || end.1 >= MAX_COLUMNS {
            return Err(too_large(&name, end.0, end.1));
        }
        visitor.sheet(&name);
        let mut buffer = RowBuffer::new();
        let mut finished_early = false;
        while let Some(cell) = cells.next_cell().map_err(map_error)? {
            let (row, column) = cell.get_position();
            let value = from_ref(cell.get_value().clone(), is_1904);
            if !buffer.put(&name, row, column, value, visitor)? {
                finished_early = true;
                break;
            }
        }
        if !finished_early {
            buffer.flush(visitor)?;
        }
        if visitor.end()? {
            return Ok(());
        }
    }
    Ok(())
}

fn map_error(error: XlsxError) -> LedgerError {
    match error {
        XlsxError::Password => LedgerError::Encrypted,
        other => LedgerError::Corrupt(other.to_string()),
    }
}
