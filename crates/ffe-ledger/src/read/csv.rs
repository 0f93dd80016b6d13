//! .csv in UTF-8 (with or without BOM), UTF-16 with BOM (Excel's “Unicode text”) or GBK/GB18030;
//! comma, tab or semicolon separated.

use std::borrow::Cow;

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

use crate::cell::Cell;
use crate::error::LedgerError;
use crate::read::SheetVisitor;
use crate::read::limits::{MAX_COLUMNS, MAX_SHEET_ROWS, too_large};

pub fn read(bytes: &[u8], visitor: &mut dyn SheetVisitor) -> Result<(), LedgerError> {
    let text = decode(bytes)?;
    let delimiter = guess_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    visitor.sheet("CSV");
    let mut record = csv::StringRecord::new();
    let mut cells: Vec<Cell> = Vec::with_capacity(16);
    let mut row: u32 = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                return Err(LedgerError::Corrupt(format!(
                    "CSV 第 {} 行无法解析（{e}）",
                    row + 1
                )));
            }
        }
        if row >= MAX_SHEET_ROWS
            || record.len() > MAX_COLUMNS as usize && has_content_past_limit(&record)
        {
            return Err(too_large(
                "CSV",
                row,
                record
                    .len()
                    .saturating_sub(1)
                    .try_into()
                    .unwrap_or(u32::MAX),
            ));
        }
        row += 1;
        cells.clear();
        cells.extend(record.iter().take(MAX_COLUMNS as usize).map(|field| {
            if field.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(field.to_owned())
            }
        }));
        if cells.iter().all(Cell::is_blank) {
            continue;
        }
        if !visitor.row(row, &cells)? {
            break;
        }
    }
    visitor.end()?;
    Ok(())
}

fn has_content_past_limit(record: &csv::StringRecord) -> bool {
    record
        .iter()
        .skip(MAX_COLUMNS as usize)
        .any(|f| !f.trim().is_empty())
}

/// The text of the file, or [`LedgerError::Encoding`].
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, LedgerError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return std::str::from_utf8(rest)
            .map(Cow::Borrowed)
            .map_err(|_| LedgerError::Encoding);
    }
    for (bom, encoding) in [([0xFF, 0xFE], UTF_16LE), ([0xFE, 0xFF], UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(&bom) {
            return encoding
                .decode_without_bom_handling_and_without_replacement(rest)
                .ok_or(LedgerError::Encoding);
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or(LedgerError::Encoding)
}

/// The separator used most in the first lines; a comma on a tie.
pub fn guess_delimiter(text: &str) -> u8 {
    let head: String = text.lines().take(40).collect::<Vec<_>>().join("\n");
    let count = |c: char| head.chars().filter(|x| *x == c).count();
    let (comma, tab, semicolon) = (count(','), count('\t'), count(';'));
    if tab > comma && tab >= semicolon {
        b'\t'
    } else if semicolon > comma && semicolon > tab {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode("序号".as_bytes()).ok().as_deref(), Some("序号"));
        assert_eq!(decode(b"\xEF\xBB\xBFabc").ok().as_deref(), Some("abc"));
        let (gbk, _, _) = GB18030.encode("设备系统名称,是否国产");
        assert_eq!(decode(&gbk).ok().as_deref(), Some("设备系统名称,是否国产"));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("名称\t型号".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16).ok().as_deref(), Some("名称\t型号"));
        assert_eq!(decode(b"\xEF\xBB\xBF\xFF"), Err(LedgerError::Encoding));
    }

    #[test]
    fn delimiters() {
        assert_eq!(guess_delimiter("a,b,c\n1,2,3"), b',');
        assert_eq!(guess_delimiter("a\tb\tc\n1\t2,5\t3"), b'\t');
        assert_eq!(guess_delimiter("a;b;c"), b';');
    }
}
