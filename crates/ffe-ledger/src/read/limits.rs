//! Bounds that keep a hostile file from exhausting memory or time.

use crate::cell::a1;
use crate::error::LedgerError;
use crate::sheet::{HEADER_SEARCH_ROWS, MAX_LEDGER_ROWS};

/// The largest file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 128 * 1024 * 1024;
/// Rows a sheet may use: the header search window plus the ledger rows.
pub const MAX_SHEET_ROWS: u32 = MAX_LEDGER_ROWS + HEADER_SEARCH_ROWS;
/// Columns a sheet may use (IV, the old Excel limit; the ledger needs 13).
pub const MAX_COLUMNS: u32 = 256;

/// Uncompressed size allowed for one worksheet part of an .xlsx (streamed, never held whole).
pub const MAX_WORKSHEET_PART: u64 = 1024 * 1024 * 1024;
/// Uncompressed size allowed for the shared strings part (held in memory by the reader).
pub const MAX_SHARED_STRINGS_PART: u64 = 64 * 1024 * 1024;
/// Uncompressed size allowed for any other XML part that is read (workbook, styles, relations).
pub const MAX_OTHER_PART: u64 = 16 * 1024 * 1024;
/// Uncompressed size of all parts together.
pub const MAX_TOTAL_UNCOMPRESSED: u64 = 2 * 1024 * 1024 * 1024;
/// Compression ratio above which a large part is taken for a bomb.
pub const MAX_RATIO: u64 = 200;
/// Parts above this size are checked for their ratio.
pub const RATIO_CHECK_FROM: u64 = 8 * 1024 * 1024;
/// Entries an .xlsx may have.
pub const MAX_ZIP_ENTRIES: u64 = 10_000;
/// Cells an .xls sheet's used range may span (the reader allocates the whole range).
pub const MAX_XLS_RANGE_CELLS: u64 = 4 * 1024 * 1024;

pub fn too_large(sheet: &str, row: u32, column: u32) -> LedgerError {
    LedgerError::SheetTooLarge {
        sheet: sheet.to_owned(),
        range: format!("A1:{}", a1(row, column)),
        max_rows: MAX_SHEET_ROWS,
        max_columns: MAX_COLUMNS,
    }
}

#[cfg(test)]
mod tests {
    use crate::cell::a1;

    #[test]
    fn a1_references() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(1_048_575, 16_383), "XFD1048576");
        assert_eq!(a1(9, 25), "Z10");
        assert_eq!(a1(0, 26), "AA1");
    }
}
