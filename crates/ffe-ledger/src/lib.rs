//! The equipment ledger of the Future Factory index (附录 2 企业设备系统购置情况一览表).
//!
//! - [`import`] reads an .xlsx, .xls or .csv ledger as people really fill it in, refuses hostile
//!   files, and returns the valid rows, every refused row with its reason in Chinese, and the
//!   [`Metrics`] the index's ledger-backed elements need.
//! - [`template`] writes the blank Appendix 2 workbook with drop-downs; [`export`] writes rows back
//!   into it, so that importing an export gives the same rows.
//!
//! No file-system I/O: callers pass and receive bytes. Formulas and accepted inputs: `docs/ledger.md`.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo
    )
)]

mod cell;
mod class;
mod column;
mod error;
mod import;
mod metrics;
mod parse;
mod read;
mod record;
mod row;
mod sheet;
mod skip;
mod text;
mod write;

pub use cell::Cell;
pub use column::Column;
pub use error::{LedgerError, RowError};
pub use import::{import, import_with_taxonomy};
pub use metrics::{ClassTotal, EQUIPMENT_CLASS, Metrics};
pub use read::{MAX_COLUMNS, MAX_FILE_BYTES, MAX_SHEET_ROWS};
pub use row::{ClassPath, LedgerRow, PurchaseDate, Wan};
pub use sheet::{HEADER_SEARCH_ROWS, Import, ImportOptions, MAX_LEDGER_ROWS, MAX_REPORTED_ERRORS};
pub use write::{export, template};
