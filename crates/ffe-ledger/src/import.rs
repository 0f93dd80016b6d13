//! A workbook, sheet by sheet: the first sheet with a ledger header is the ledger.

use ffe_index::Taxonomy;

use crate::cell::Cell;
use crate::class::ClassIndex;
use crate::error::LedgerError;
use crate::read::{self, SheetVisitor};
use crate::sheet::{Import, ImportOptions, SheetParser};

/// Import a ledger file against the shipped taxonomy (Appendix 1).
pub fn import(
    bytes: &[u8],
    file_name: &str,
    options: &ImportOptions,
) -> Result<Import, LedgerError> {
    let taxonomy =
        ffe_index::shipped::taxonomy().map_err(|p| LedgerError::Taxonomy(p.to_string()))?;
    import_with_taxonomy(bytes, file_name, options, taxonomy)
}

/// Import a ledger file against a given taxonomy.
pub fn import_with_taxonomy(
    bytes: &[u8],
    file_name: &str,
    options: &ImportOptions,
    taxonomy: &Taxonomy,
) -> Result<Import, LedgerError> {
    let classes = ClassIndex::new(taxonomy);
    let mut workbook = WorkbookImport {
        classes: &classes,
        taxonomy,
        options: *options,
        current: None,
        done: None,
        first_failure: None,
    };
    read::read(bytes, file_name, &mut workbook)?;
    match (workbook.done, workbook.first_failure) {
        (Some(import), _) => Ok(import),
        (None, Some(failure)) => Err(failure),
        (None, None) => Err(LedgerError::Corrupt("工作簿中没有工作表".to_owned())),
    }
}

struct WorkbookImport<'a> {
    classes: &'a ClassIndex,
    taxonomy: &'a Taxonomy,
    options: ImportOptions,
    current: Option<SheetParser<'a>>,
    done: Option<Import>,
    first_failure: Option<LedgerError>,
}

impl<'a> SheetVisitor for WorkbookImport<'a> {
    fn sheet(&mut self, _name: &str) {
        self.current = Some(SheetParser::new(self.classes, self.taxonomy, self.options));
    }

    fn row(&mut self, row: u32, cells: &[Cell]) -> Result<bool, LedgerError> {
        let Some(parser) = self.current.as_mut() else {
            return Ok(false);
        };
        match parser.push(row, cells) {
            Ok(()) => Ok(true),
            Err(error @ LedgerError::HeaderNotFound { .. }) => {
                // Not the ledger sheet: remember why, and let the next sheet try.
                self.first_failure.get_or_insert(error);
                self.current = None;
                Ok(false)
            }
            Err(other) => Err(other),
        }
    }

    fn end(&mut self) -> Result<bool, LedgerError> {
        let Some(parser) = self.current.take() else {
            return Ok(false);
        };
        match parser.finish() {
            Ok(import) => {
                self.done = Some(import);
                Ok(true)
            }
            Err(error @ LedgerError::HeaderNotFound { .. }) => {
                self.first_failure.get_or_insert(error);
                Ok(false)
            }
            Err(other) => Err(other),
        }
    }
}
