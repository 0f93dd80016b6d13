//! The file formats, kept thin: each reader checks the file is safe to open, then hands rows of
//! [`Cell`]s to a [`SheetVisitor`], sheet by sheet, without holding a sheet in memory.

mod convert;
mod csv;
mod limits;
mod sniff;
mod xls;
mod xls_guard;
mod xlsx;
mod zip_guard;

pub use limits::{MAX_COLUMNS, MAX_FILE_BYTES, MAX_SHEET_ROWS};
pub use sniff::{Kind, kind_of};

use crate::cell::Cell;
use crate::error::LedgerError;

/// Receives a workbook's sheets row by row.
pub trait SheetVisitor {
    /// A sheet begins.
    fn sheet(&mut self, name: &str);
    /// One row (1-based number, cells from column A). `Ok(false)`: skip the rest of this sheet.
    fn row(&mut self, row: u32, cells: &[Cell]) -> Result<bool, LedgerError>;
    /// The sheet has ended. `true`: the workbook is done, read no further sheets.
    fn end(&mut self) -> Result<bool, LedgerError>;
}

/// Check a file against its name and read it into the visitor.
pub fn read(
    bytes: &[u8],
    file_name: &str,
    visitor: &mut dyn SheetVisitor,
) -> Result<(), LedgerError> {
    if bytes.is_empty() {
        return Err(LedgerError::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(LedgerError::TooLarge {
            size: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let kind = kind_of(file_name, bytes)?;
    // calamine's .xls parser slices record bodies without checking their lengths, so a damaged
    // file can panic inside it. A damaged file is a refused file, not a crashed server: the panic
    // is caught here, in one place, and the half-read import is dropped. (Aborts, such as a failed
    // allocation, cannot be caught: the guards before each parser exist to prevent those.)
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match kind {
        Kind::Xlsx => xlsx::read(bytes, visitor),
        Kind::Xls => xls::read(bytes, visitor),
        Kind::Csv => csv::read(bytes, visitor),
    }));
    outcome.unwrap_or_else(|_| Err(LedgerError::Corrupt("文件内容损坏，读取时出错".to_owned())))
}

/// Collects one row's cells as a reader meets them, dense from column A, refusing cells past the
/// column limit.
pub(crate) struct RowBuffer {
    pub row: Option<u32>,
    pub cells: Vec<Cell>,
}

impl RowBuffer {
    pub fn new() -> RowBuffer {
        RowBuffer {
            row: None,
            cells: Vec::with_capacity(16),
        }
    }

    /// Put a cell (0-based row and column). Returns the finished previous row when the row changes.
    pub fn put(
        &mut self,
        sheet: &str,
        row: u32,
        column: u32,
        cell: Cell,
        visitor: &mut dyn SheetVisitor,
    ) -> Result<bool, LedgerError> {
        if cell.is_blank() {
            return Ok(true);
        }
        if row >= MAX_SHEET_ROWS || column >= MAX_COLUMNS {
            return Err(limits::too_large(sheet, row, column));
        }
        let mut keep_going = true;
        if self.row != Some(row) {
            keep_going = self.flush(visitor)?;
            self.row = Some(row);
        }
        let index = column as usize;
        if self.cells.len() <= index {
            self.cells.resize(index + 1, Cell::Empty);
        }
        if let Some(slot) = self.cells.get_mut(index) {
            *slot = cell;
        }
        Ok(keep_going)
    }

    /// Hand the collected row to the visitor.
    pub fn flush(&mut self, visitor: &mut dyn SheetVisitor) -> Result<bool, LedgerError> {
        let Some(row) = self.row.take() else {
            return Ok(true);
        };
        let keep_going = visitor.row(row + 1, &self.cells)?;
        self.cells.clear();
        Ok(keep_going)
    }
}
