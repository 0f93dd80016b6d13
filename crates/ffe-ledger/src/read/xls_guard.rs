//! Checks an .xls before calamine reads it. calamine reads every sheet whole and sizes its
//! buffers from the DIMENSIONS records and from the cells' bounding box, trusting both; a hostile
//! file could make it reserve gigabytes or underflow. The BIFF records of the workbook stream are
//! walked here first, and encrypted or macro workbooks refused.

use std::io::{Cursor, Read};

use crate::error::LedgerError;
use crate::read::limits::{MAX_FILE_BYTES, MAX_XLS_RANGE_CELLS};

/// Refuse encrypted and macro workbooks and any sheet whose declared or used range is too large.
pub fn guard(bytes: &[u8]) -> Result<(), LedgerError> {
    let corrupt =
        |e: std::io::Error| LedgerError::Corrupt(format!("无法读取 .xls 复合文档（{e}）"));
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(corrupt)?;
    if file.exists("/EncryptedPackage") {
        return Err(LedgerError::Encrypted);
    }
    if file.exists("/_VBA_PROJECT_CUR") || file.exists("/_VBA_PROJECT") {
        return Err(LedgerError::Macros);
    }
    let path = ["/Workbook", "/Book"]
        .into_iter()
        .find(|p| file.is_stream(p))
        .ok_or_else(|| LedgerError::Corrupt("找不到工作簿数据流".to_owned()))?;
    let stream = file.open_stream(path).map_err(corrupt)?;
    let mut data = Vec::new();
    stream
        .take(MAX_FILE_BYTES as u64)
        .read_to_end(&mut data)
        .map_err(corrupt)?;
    check_records(&data)
}

/// Walk the BIFF records of the workbook stream.
pub fn check_records(data: &[u8]) -> Result<(), LedgerError> {
    let mut pos = 0usize;
    let mut nested = 0u32;
    let mut in_substream = false;
    let mut used: Option<(u32, u32, u32, u32)> = None;
    while let Some(header) = data.get(pos..pos + 4) {
        let &[t0, t1, l0, l1] = header else {
            break;
        };
        let typ = u16::from_le_bytes([t0, t1]);
        let len = usize::from(u16::from_le_bytes([l0, l1]));
        let Some(body) = data.get(pos + 4..pos + 4 + len) else {
            break;
        };
        pos += 4 + len;
        match typ {
            0x0809 => {
                if in_substream {
                    nested += 1;
                } else {
                    in_substream = true;
                    used = None;
                }
            }
            0x000A => {
                if nested > 0 {
                    nested -= 1;
                } else {
                    in_substream = false;
                    check_used(used)?;
                }
            }
            0x002F => return Err(LedgerError::Encrypted),
            0x0200 if nested == 0 => check_dimensions(body)?,
            // Number, BoolErr, RK, MulRK, LabelSST, Label, Formula, RString.
            0x0203 | 0x0205 | 0x027E | 0x00BD | 0x00FD | 0x0204 | 0x0006 | 0x00D6
                if nested == 0 =>
            {
                if let Some(cell) = cell_span(typ, body) {
                    used = Some(match used {
                        None => cell,
                        Some((r0, r1, c0, c1)) => (
                            r0.min(cell.0),
                            r1.max(cell.1),
                            c0.min(cell.2),
                            c1.max(cell.3),
                        ),
                    });
                }
            }
            _ => {}
        }
    }
    check_used(used)
}

fn u16_at(body: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_le_bytes([
        *body.get(at)?,
        *body.get(at + 1)?,
    ])))
}

fn u32_at(body: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes([
        *body.get(at)?,
        *body.get(at + 1)?,
        *body.get(at + 2)?,
        *body.get(at + 3)?,
    ]))
}

/// (first row, last row, first column, last column) of a cell record.
fn cell_span(typ: u16, body: &[u8]) -> Option<(u32, u32, u32, u32)> {
    let row = u16_at(body, 0)?;
    let first = u16_at(body, 2)?;
    let last = if typ == 0x00BD {
        u16_at(body, body.len().checked_sub(2)?)?
    } else {
        first
    };
    Some((row, row, first, last.max(first)))
}

fn range_error(rows: u64, columns: u64) -> LedgerError {
    LedgerError::XlsRangeTooLarge {
        rows,
        columns,
        max_cells: MAX_XLS_RANGE_CELLS,
    }
}

fn check_dimensions(body: &[u8]) -> Result<(), LedgerError> {
    let (first_row, end_row, first_column, end_column) = match body.len() {
        10 => (
            u16_at(body, 0),
            u16_at(body, 2),
            u16_at(body, 4),
            u16_at(body, 6),
        ),
        14 | 16 => (
            u32_at(body, 0),
            u32_at(body, 4),
            u16_at(body, 8),
            u16_at(body, 10),
        ),
        _ => return Err(LedgerError::Corrupt("DIMENSIONS 记录长度错误".to_owned())),
    };
    let (Some(r0), Some(r1), Some(c0), Some(c1)) = (first_row, end_row, first_column, end_column)
    else {
        return Err(LedgerError::Corrupt("DIMENSIONS 记录损坏".to_owned()));
    };
    // The record holds one past the last row and column; calamine computes last - first + 1.
    if r1 >= 1 && c1 >= 1 {
        if r0 > r1 - 1 {
            return Err(LedgerError::Corrupt(
                "DIMENSIONS 记录的起止行颠倒".to_owned(),
            ));
        }
        let rows = u64::from(r1 - r0);
        let columns = u64::from(c1.saturating_sub(if c0 > 0xFF || c1 < c0 { 0 } else { c0 }));
        if rows > 65_536 || columns > 256 || rows * columns > MAX_XLS_RANGE_CELLS {
            return Err(range_error(rows, columns));
        }
    }
    Ok(())
}

fn check_used(used: Option<(u32, u32, u32, u32)>) -> Result<(), LedgerError> {
    if let Some((r0, r1, c0, c1)) = used {
        let rows = u64::from(r1 - r0) + 1;
        let columns = u64::from(c1 - c0) + 1;
        if rows * columns > MAX_XLS_RANGE_CELLS {
            return Err(range_error(rows, columns));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn record(typ: u16, body: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend((body.len() as u16).to_le_bytes());
        out.extend_from_slice(body);
        out
    }

    #[test]
    fn huge_dimensions_are_refused() {
        let mut dims = Vec::new();
        dims.extend(0u32.to_le_bytes());
        dims.extend(u32::MAX.to_le_bytes());
        dims.extend(0u16.to_le_bytes());
        dims.extend(256u16.to_le_bytes());
        dims.extend(0u16.to_le_bytes());
        let stream = [
            record(0x0809, &[0; 16]),
            record(0x0200, &dims),
            record(0x000A, &[]),
        ]
        .concat();
        assert!(matches!(
            check_records(&stream),
            Err(LedgerError::XlsRangeTooLarge { .. })
        ));
    }

    #[test]
    fn a_sparse_range_spanning_the_sheet_is_refused() {
        let number = |row: u16, col: u16| {
            let mut body = row.to_le_bytes().to_vec();
            body.extend(col.to_le_bytes());
            body.extend([0u8; 10]);
            record(0x0203, &body)
        };
        let stream = [
            record(0x0809, &[0; 16]),
            number(0, 0),
            number(65_535, 255),
            record(0x000A, &[]),
        ]
        .concat();
        assert!(matches!(
            check_records(&stream),
            Err(LedgerError::XlsRangeTooLarge { .. })
        ));
        let small = [
            record(0x0809, &[0; 16]),
            number(0, 0),
            number(100, 12),
            record(0x000A, &[]),
        ]
        .concat();
        assert_eq!(check_records(&small), Ok(()));
    }

    #[test]
    fn a_filepass_record_means_encrypted() {
        let stream = [
            record(0x0809, &[0; 16]),
            record(0x002F, &[1, 0]),
            record(0x000A, &[]),
        ]
        .concat();
        assert_eq!(check_records(&stream), Err(LedgerError::Encrypted));
    }

    proptest! {
        #[test]
        fn any_stream_is_walked_without_panic(data in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let _ = check_records(&data);
            let _ = guard(&data);
        }
    }
}
