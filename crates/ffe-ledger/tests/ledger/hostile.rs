//! Files built to hurt: bombs, lying sizes, huge dimensions, too many rows, encryption, macros,
//! disguised formats, and garbage. Each is refused with its own error; none panics.

use std::io::{Cursor, Write};

use ffe_ledger::LedgerError;
use proptest::prelude::*;
use rust_xlsxwriter::Workbook;

use crate::support::{options, replace_entry, rezip, taxonomy, unzip};

fn import(bytes: &[u8], name: &str) -> Result<ffe_ledger::Import, LedgerError> {
    ffe_ledger::import(bytes, name, &options())
}

fn template() -> Vec<u8> {
    ffe_ledger::template(taxonomy()).expect("template")
}

/// Offsets of the central directory headers of a zip.
fn central_headers(bytes: &[u8]) -> Vec<usize> {
    bytes
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == [0x50, 0x4B, 0x01, 0x02])
        .map(|(i, _)| i)
        .collect()
}

fn central_name(bytes: &[u8], at: usize) -> String {
    let len = u16::from_le_bytes([bytes[at + 28], bytes[at + 29]]) as usize;
    String::from_utf8_lossy(&bytes[at + 46..at + 46 + len]).into_owned()
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated() {
    let mut entries = unzip(&template());
    let mut padded = b"<?xml version=\"1.0\"?><sst>".to_vec();
    padded.resize(70 * 1024 * 1024, b' ');
    padded.extend_from_slice(b"</sst>");
    for (name, data) in &mut entries {
        if name == "xl/sharedStrings.xml" {
            *data = padded.clone();
        }
    }
    let bomb = rezip(&entries);
    assert!(
        bomb.len() < 1024 * 1024,
        "the bomb is small: {}",
        bomb.len()
    );
    assert!(matches!(
        import(&bomb, "bomb.xlsx"),
        Err(LedgerError::ZipBomb(_))
    ));
}

#[test]
fn declared_sizes_that_lie_either_way_are_refused() {
    let original = ffe_ledger::export(&[], taxonomy()).expect("export");
    for declared in [u32::MAX - 16, 64] {
        let mut bytes = original.clone();
        for at in central_headers(&bytes) {
            if central_name(&bytes, at).starts_with("xl/worksheets/") {
                bytes[at + 24..at + 28].copy_from_slice(&declared.to_le_bytes());
            }
        }
        let result = import(&bytes, "lie.xlsx");
        assert!(
            matches!(
                result,
                Err(LedgerError::ZipBomb(_)) | Err(LedgerError::Corrupt(_))
            ),
            "{declared}: {result:?}"
        );
    }
}

#[test]
fn a_cell_at_xfd1048576_is_refused() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write(0, 0, "序号").expect("write");
    sheet.write(1_048_575, 16_383, "x").expect("write");
    let bytes = workbook.save_to_buffer().expect("save");
    match import(&bytes, "far.xlsx") {
        Err(LedgerError::SheetTooLarge { range, .. }) => assert_eq!(range, "A1:XFD1048576"),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn a_declared_dimension_of_the_whole_sheet_is_refused() {
    let bytes = replace_entry(&template(), "xl/worksheets/sheet1.xml", |xml| {
        let start = xml.find("<dimension ref=\"").expect("dimension");
        let end = start + xml[start..].find("/>").expect("end");
        format!(
            "{}<dimension ref=\"A1:XFD1048576\"/>{}",
            &xml[..start],
            &xml[end + 2..]
        )
    });
    assert!(matches!(
        import(&bytes, "dim.xlsx"),
        Err(LedgerError::SheetTooLarge { .. })
    ));
}

#[test]
fn a_real_cell_far_down_a_narrow_column_is_refused() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write(1_048_575, 25, 1).expect("write");
    let bytes = workbook.save_to_buffer().expect("save");
    assert!(matches!(
        import(&bytes, "z.xlsx"),
        Err(LedgerError::SheetTooLarge { .. })
    ));
}

#[test]
fn more_than_200000_rows_are_refused() {
    let mut csv = String::from(
        "设备系统名称,购置时间,一级分类,二级分类,三级分类,单价,台套数,是否国产,是否联网,是否支持数据采集,是否支持信息接收\n",
    );
    for _ in 0..=ffe_ledger::MAX_LEDGER_ROWS {
        csv.push_str("x\n");
    }
    assert_eq!(
        import(csv.as_bytes(), "big.csv").map(|_| ()),
        Err(LedgerError::TooManyRows { limit: 200_000 })
    );
}

fn compound(streams: &[&str]) -> Vec<u8> {
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).expect("cfb");
    for path in streams {
        if let Some((parent, _)) = path.rsplit_once('/')
            && !parent.is_empty()
        {
            file.create_storage_all(parent).expect("storage");
        }
        let mut stream = file.create_stream(path).expect("stream");
        stream.write_all(b"\x09\x08\x10\x00").expect("write");
    }
    file.flush().expect("flush");
    file.into_inner().into_inner()
}

#[test]
fn encrypted_files_are_refused() {
    let encrypted = compound(&["/EncryptionInfo", "/EncryptedPackage"]);
    assert_eq!(
        import(&encrypted, "secret.xlsx").map(|_| ()),
        Err(LedgerError::Encrypted)
    );
    assert_eq!(
        import(&encrypted, "secret.xls").map(|_| ()),
        Err(LedgerError::Encrypted)
    );
    // A zip whose entries carry the encryption flag.
    let mut bytes = template();
    for at in central_headers(&bytes) {
        bytes[at + 8] |= 1;
    }
    assert_eq!(
        import(&bytes, "zipcrypto.xlsx").map(|_| ()),
        Err(LedgerError::Encrypted)
    );
}

#[test]
fn macro_files_are_refused() {
    let mut entries = unzip(&template());
    entries.push(("xl/vbaProject.bin".to_owned(), vec![0; 64]));
    let with_macros = rezip(&entries);
    assert_eq!(
        import(&with_macros, "macro.xlsx").map(|_| ()),
        Err(LedgerError::Macros)
    );
    assert_eq!(
        import(&template(), "macro.xlsm").map(|_| ()),
        Err(LedgerError::Macros)
    );
    let xls = compound(&["/Workbook", "/_VBA_PROJECT_CUR/VBA/dir"]);
    assert_eq!(
        import(&xls, "macro.xls").map(|_| ()),
        Err(LedgerError::Macros)
    );
}

#[test]
fn files_that_are_not_what_their_extension_says() {
    let xlsx = template();
    let wrong = |bytes: &[u8], name: &str| {
        matches!(import(bytes, name), Err(LedgerError::WrongContent { .. }))
    };
    assert!(wrong(&xlsx, "ledger.xls"));
    assert!(wrong(&xlsx, "ledger.csv"));
    assert!(wrong(
        b"<html><body><table><tr><td>1</td></tr></table></body></html>",
        "export.xls"
    ));
    assert!(wrong(b"%PDF-1.7\n...", "ledger.xlsx"));
    assert!(wrong("序号,名称\n1,车床\n".as_bytes(), "ledger.xlsx"));
    assert!(matches!(
        import(b"abc", "ledger.docx"),
        Err(LedgerError::UnsupportedExtension(_))
    ));
    assert_eq!(
        import(b"", "ledger.csv").map(|_| ()),
        Err(LedgerError::Empty)
    );
    let message = import(&xlsx, "ledger.csv")
        .map(|_| ())
        .expect_err("refused")
        .to_string();
    assert_eq!(
        message,
        "文件扩展名为 .csv，但内容是 .xlsx（压缩包）格式，请用 Excel 或 WPS 打开后另存为 .xlsx"
    );
}

fn mutate(mut bytes: Vec<u8>, flips: &[(usize, u8)], cut: Option<usize>) -> Vec<u8> {
    let len = bytes.len();
    for (at, value) in flips {
        if len > 0 {
            bytes[at % len] ^= value | 1;
        }
    }
    if let Some(cut) = cut {
        bytes.truncate(cut % (len + 1));
    }
    bytes
}

fn ledger_export() -> Vec<u8> {
    let csv = format!(
        "{}\n1,加工中心,V8,2022-05-01,智能制造装备,数控机床,加工中心,50,4,是,是,是,否\n2,ERP,,2021-03,工业控制系统与工业软件,经营管理类软件,ERP,10,1,否,,,\n",
        "序号,设备系统名称,规格型号,购置时间,一级分类,二级分类,三级分类,单价,台套数,是否国产,是否联网,是否支持数据采集,是否支持信息接收"
    );
    let import = ffe_ledger::import(csv.as_bytes(), "a.csv", &options()).expect("readable");
    ffe_ledger::export(&import.rows, taxonomy()).expect("export")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn garbage_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048), ext in 0usize..3) {
        let name = ["a.xlsx", "a.xls", "a.csv"][ext];
        let _ = import(&bytes, name);
        let mut zipped = b"PK\x03\x04".to_vec();
        zipped.extend_from_slice(&bytes);
        let _ = import(&zipped, "a.xlsx");
        let mut compound = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        compound.extend_from_slice(&bytes);
        let _ = import(&compound, "a.xls");
    }

    #[test]
    fn mutated_real_files_never_panic(
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8),
        cut in proptest::option::of(any::<usize>()),
    ) {
        let _ = import(&mutate(ledger_export(), &flips, cut), "m.xlsx");
        let _ = import(&mutate(crate::formats::xls_fixture().to_vec(), &flips, cut), "m.xls");
    }
}

/// Mutations inside the worksheet XML rather than the zip container: the zip stays valid, the
/// XML does not.
#[test]
fn mutated_sheet_xml_never_panics() {
    let entries = unzip(&ledger_export());
    let sheet = entries
        .iter()
        .position(|(n, _)| n == "xl/worksheets/sheet1.xml")
        .expect("sheet");
    let xml = entries[sheet].1.clone();
    let mut runner = proptest::test_runner::TestRunner::default();
    runner
        .run(
            &(0..xml.len(), any::<u8>(), 0..xml.len()),
            |(at, value, cut)| {
                let mut damaged = xml.clone();
                damaged[at] = value;
                for edit in [damaged.clone(), damaged[..cut].to_vec()] {
                    let mut copy = entries.clone();
                    copy[sheet].1 = edit;
                    let _ = import(&rezip(&copy), "x.xlsx");
                }
                Ok(())
            },
        )
        .expect("no panic");
}
