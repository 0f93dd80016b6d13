//! The Appendix 2 workbook: the blank template, and the same layout filled with rows.

mod layout;
mod lists;

use ffe_index::Taxonomy;

use crate::error::LedgerError;
use crate::row::LedgerRow;

/// The blank ledger template (xlsx bytes): title, headers, drop-downs, instructions.
pub fn template(taxonomy: &Taxonomy) -> Result<Vec<u8>, LedgerError> {
    layout::workbook(taxonomy, &[])
}

/// The ledger rows written into the template (xlsx bytes). Importing the result gives the rows back.
pub fn export(rows: &[LedgerRow], taxonomy: &Taxonomy) -> Result<Vec<u8>, LedgerError> {
    layout::workbook(taxonomy, rows)
}

fn write_error(error: rust_xlsxwriter::XlsxError) -> LedgerError {
    LedgerError::Write(error.to_string())
}
