//! One ledger in every accepted format gives the same rows: CSV in UTF-8, GBK and UTF-16, the
//! .xls LibreOffice made from our export (tests/fixtures/ledger.xls), and the export itself.

use encoding_rs::GB18030;
use ffe_ledger::{Import, LedgerRow};

use crate::support::{options, taxonomy};

const CSV: &str = include_str!("../fixtures/ledger.csv");
const XLS: &[u8] = include_bytes!("../fixtures/ledger.xls");

pub fn xls_fixture() -> &'static [u8] {
    XLS
}

fn import(bytes: &[u8], name: &str) -> Import {
    ffe_ledger::import(bytes, name, &options()).expect("readable")
}

fn reference() -> Vec<LedgerRow> {
    let import = import(CSV.as_bytes(), "ledger.csv");
    assert!(import.is_clean(), "{:?}", import.errors);
    assert_eq!(import.rows.len(), 6);
    import.rows
}

#[test]
fn csv_in_gbk_utf16_and_with_bom_reads_the_same() {
    let rows = reference();
    let (gbk, _, _) = GB18030.encode(CSV);
    assert_eq!(import(&gbk, "ledger.csv").rows, rows);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(CSV.as_bytes());
    assert_eq!(import(&bom, "ledger.csv").rows, rows);
    // Excel's “Unicode text”: UTF-16LE with BOM, tab separated.
    let tabbed = CSV.replace(',', "\t");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(tabbed.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(import(&utf16, "ledger.csv").rows, rows);
}

#[test]
fn xls_reads_the_same_as_the_csv_it_was_made_from() {
    assert_eq!(import(XLS, "ledger.xls").rows, reference());
}

#[test]
fn export_reads_back_the_same() {
    let rows = reference();
    let bytes = ffe_ledger::export(&rows, taxonomy()).expect("export");
    assert_eq!(import(&bytes, "ledger.xlsx").rows, rows);
}

#[test]
fn a_csv_that_is_neither_utf8_nor_gbk_is_refused() {
    // Bytes that are invalid in UTF-8 and in GB18030 (0x80 alone, 0xFF).
    let result = ffe_ledger::import(b"\x80\xff,\xff\n", "x.csv", &options());
    assert_eq!(result.map(|_| ()), Err(ffe_ledger::LedgerError::Encoding));
}
