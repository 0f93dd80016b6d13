//! Checks an .xlsx (a zip) before any part of it is decompressed: the directory's size, every
//! entry's declared size and ratio, encryption and macros. The zip reader stops any entry at its
//! declared size, so bounding the declared sizes bounds what reading can produce.

use std::io::Cursor;

use zip::ZipArchive;

use crate::error::LedgerError;
use crate::read::limits::{
    MAX_OTHER_PART, MAX_RATIO, MAX_SHARED_STRINGS_PART, MAX_TOTAL_UNCOMPRESSED, MAX_WORKSHEET_PART,
    MAX_ZIP_ENTRIES, RATIO_CHECK_FROM,
};

/// The central directory as the end record declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndRecord {
    pub entries: u64,
    pub directory_size: u64,
}

const EOCD_SIGNATURE: [u8; 4] = [0x50, 0x4B, 0x05, 0x06];
const EOCD_LEN: usize = 22;
/// The end record sits within the last 22 + 65,535 (comment) bytes.
const EOCD_SEARCH: usize = EOCD_LEN + 65_535;

/// Find and read the end-of-central-directory record.
pub fn end_record(bytes: &[u8]) -> Option<EndRecord> {
    let from = bytes.len().saturating_sub(EOCD_SEARCH);
    let tail = bytes.get(from..)?;
    let at = tail
        .windows(4)
        .rposition(|w| w == EOCD_SIGNATURE)
        .filter(|at| at + EOCD_LEN <= tail.len())?;
    let record = tail.get(at..at + EOCD_LEN)?;
    let u16_at = |i: usize| Some(u16::from_le_bytes([*record.get(i)?, *record.get(i + 1)?]));
    let u32_at = |i: usize| {
        Some(u32::from_le_bytes([
            *record.get(i)?,
            *record.get(i + 1)?,
            *record.get(i + 2)?,
            *record.get(i + 3)?,
        ]))
    };
    Some(EndRecord {
        entries: u64::from(u16_at(10)?),
        directory_size: u64::from(u32_at(12)?),
    })
}

/// Refuse a zip that is not safe to open as a workbook.
pub fn check(bytes: &[u8]) -> Result<(), LedgerError> {
    let end = end_record(bytes)
        .ok_or_else(|| LedgerError::Corrupt("找不到 zip 目录，文件可能不完整".to_owned()))?;
    // 0xFFFF entries means a zip64 record follows; the directory size still bounds the work.
    if (end.entries != 0xFFFF && end.entries > MAX_ZIP_ENTRIES)
        || end.directory_size > MAX_ZIP_ENTRIES * 1024
    {
        return Err(LedgerError::ZipBomb(format!(
            "压缩包内文件过多（{} 个）",
            end.entries
        )));
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| LedgerError::Corrupt(format!("无法打开 zip 压缩包（{e}）")))?;
    if archive.len() as u64 > MAX_ZIP_ENTRIES {
        return Err(LedgerError::ZipBomb(format!(
            "压缩包内文件过多（{} 个）",
            archive.len()
        )));
    }
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|e| LedgerError::Corrupt(format!("zip 条目损坏（{e}）")))?;
        let name = entry
            .name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        if entry.encrypted() {
            return Err(LedgerError::Encrypted);
        }
        if name.ends_with("vbaproject.bin") || name.ends_with(".bin") && name.contains("vba") {
            return Err(LedgerError::Macros);
        }
        let size = entry.size();
        let compressed = entry.compressed_size().max(1);
        total = total.saturating_add(size);
        let limit = part_limit(&name);
        if size > limit {
            return Err(LedgerError::ZipBomb(format!(
                "“{name}”解压后为 {size} 字节，超过上限 {limit} 字节"
            )));
        }
        if size > RATIO_CHECK_FROM && size / compressed > MAX_RATIO {
            return Err(LedgerError::ZipBomb(format!(
                "“{name}”的压缩比为 {}:1，超过上限 {MAX_RATIO}:1",
                size / compressed
            )));
        }
    }
    if total > MAX_TOTAL_UNCOMPRESSED {
        return Err(LedgerError::ZipBomb(format!(
            "解压后共 {total} 字节，超过上限 {MAX_TOTAL_UNCOMPRESSED} 字节"
        )));
    }
    Ok(())
}

fn part_limit(name: &str) -> u64 {
    if name.starts_with("xl/worksheets/") {
        MAX_WORKSHEET_PART
    } else if name.ends_with("sharedstrings.xml") {
        MAX_SHARED_STRINGS_PART
    } else if name.ends_with(".xml") || name.ends_with(".rels") {
        MAX_OTHER_PART
    } else {
        // Pictures and other parts the importer never decompresses.
        MAX_TOTAL_UNCOMPRESSED
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_end_record_of_an_empty_zip() {
        let empty = [
            0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ];
        assert_eq!(
            end_record(&empty),
            Some(EndRecord {
                entries: 0,
                directory_size: 0
            })
        );
        assert_eq!(end_record(b"PK"), None);
    }

    proptest! {
        #[test]
        fn any_bytes_are_checked_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
            let _ = end_record(&bytes);
            let mut zipped = b"PK\x03\x04".to_vec();
            zipped.extend_from_slice(&bytes);
            let _ = check(&zipped);
        }
    }
}
