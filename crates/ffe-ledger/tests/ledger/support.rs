//! Helpers: options with a fixed today, the shipped taxonomy, zip surgery on workbooks.

use std::io::{Cursor, Read, Write};

use chrono::NaiveDate;
use ffe_ledger::ImportOptions;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

/// The options of a test: today is 2026-11-28, no window.
pub fn options() -> ImportOptions {
    ImportOptions {
        today: Some(date(2026, 11, 28)),
        ..ImportOptions::default()
    }
}

pub fn taxonomy() -> &'static ffe_index::Taxonomy {
    ffe_index::shipped::taxonomy().expect("shipped taxonomy")
}

/// The entries of a zip, in order, decompressed.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).expect("zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("entry");
            let mut data = Vec::new();
            file.read_to_end(&mut data).expect("read entry");
            (file.name().expect("entry name").into_owned(), data)
        })
        .collect()
}

/// A zip of the given entries, deflated.
pub fn rezip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, data) in entries {
        writer.start_file(name.as_str(), options).expect("start");
        writer.write_all(data).expect("write");
    }
    writer.finish().expect("finish").into_inner()
}

/// Replace one entry's content (by name) in a workbook.
pub fn replace_entry(bytes: &[u8], name: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let entries: Vec<(String, Vec<u8>)> = unzip(bytes)
        .into_iter()
        .map(|(n, data)| {
            if n == name {
                let text = String::from_utf8(data).expect("xml is utf-8");
                (n, edit(&text).into_bytes())
            } else {
                (n, data)
            }
        })
        .collect();
    rezip(&entries)
}
