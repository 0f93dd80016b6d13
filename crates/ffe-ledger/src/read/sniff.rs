//! What a file is, by its name and by its first bytes; the two must agree.

use crate::error::LedgerError;

/// The formats the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Xlsx,
    Xls,
    Csv,
}

/// What the bytes look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    Zip,
    /// An OLE compound file: .xls, or an encrypted Office file.
    Compound,
    Html,
    Xml,
    Pdf,
    Text,
    Binary,
}

const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

impl Content {
    pub fn of(bytes: &[u8]) -> Content {
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
            return Content::Zip;
        }
        if bytes.starts_with(&CFB_MAGIC) {
            return Content::Compound;
        }
        if bytes.starts_with(b"%PDF") {
            return Content::Pdf;
        }
        let head = bytes.get(..bytes.len().min(8192)).unwrap_or(bytes);
        let utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
        if !utf16 && head.contains(&0) {
            return Content::Binary;
        }
        let start = String::from_utf8_lossy(head.get(..head.len().min(1024)).unwrap_or(head))
            .trim_start_matches('\u{feff}')
            .trim_start()
            .to_ascii_lowercase();
        if start.starts_with('<') {
            if start.contains("<html") || start.contains("<table") || start.starts_with("<!doctype")
            {
                return Content::Html;
            }
            return Content::Xml;
        }
        Content::Text
    }

    fn described(self) -> &'static str {
        match self {
            Content::Zip => "是 .xlsx（压缩包）格式",
            Content::Compound => "是旧版 .xls 格式",
            Content::Html => "是网页（HTML），并非真正的 Excel 文件",
            Content::Xml => "是 XML 文本，并非真正的 Excel 文件",
            Content::Pdf => "是 PDF 文件",
            Content::Text => "是纯文本",
            Content::Binary => "无法识别",
        }
    }
}

/// The kind to read a file as, or why it is refused.
pub fn kind_of(file_name: &str, bytes: &[u8]) -> Result<Kind, LedgerError> {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let content = Content::of(bytes);
    let expected = match extension.as_str() {
        "xlsx" => (Kind::Xlsx, Content::Zip),
        "xls" => (Kind::Xls, Content::Compound),
        "csv" => (Kind::Csv, Content::Text),
        "xlsm" | "xltm" | "xlsb" if content == Content::Zip => return Err(LedgerError::Macros),
        _ => return Err(LedgerError::UnsupportedExtension(file_name.to_owned())),
    };
    if content == expected.1 {
        return Ok(expected.0);
    }
    // An encrypted .xlsx is a compound file holding an EncryptedPackage stream.
    if content == Content::Compound && has_utf16(bytes, "EncryptedPackage") {
        return Err(LedgerError::Encrypted);
    }
    Err(LedgerError::WrongContent {
        extension,
        actual: content.described(),
    })
}

/// Whether the bytes contain a name as UTF-16LE (how compound files store directory names).
pub fn has_utf16(bytes: &[u8], name: &str) -> bool {
    let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    !needle.is_empty() && bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_and_content_must_agree() {
        assert_eq!(kind_of("台账.XLSX", b"PK\x03\x04rest"), Ok(Kind::Xlsx));
        assert_eq!(kind_of("a.csv", "序号,名称\n".as_bytes()), Ok(Kind::Csv));
        assert_eq!(
            kind_of("a.xls", b"<html><table><tr><td>1</td></tr></table></html>"),
            Err(LedgerError::WrongContent {
                extension: "xls".into(),
                actual: "是网页（HTML），并非真正的 Excel 文件"
            })
        );
        assert!(matches!(
            kind_of("a.csv", b"PK\x03\x04"),
            Err(LedgerError::WrongContent { .. })
        ));
        assert!(matches!(
            kind_of("a.xlsx", b"%PDF-1.4"),
            Err(LedgerError::WrongContent { .. })
        ));
        assert_eq!(kind_of("a.xlsm", b"PK\x03\x04"), Err(LedgerError::Macros));
        assert!(matches!(
            kind_of("a.ods", b"PK\x03\x04"),
            Err(LedgerError::UnsupportedExtension(_))
        ));
        assert!(matches!(
            kind_of("noext", b"x"),
            Err(LedgerError::UnsupportedExtension(_))
        ));
    }

    #[test]
    fn an_encrypted_xlsx_is_named_as_such() {
        let mut bytes = CFB_MAGIC.to_vec();
        bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(kind_of("a.xlsx", &bytes), Err(LedgerError::Encrypted));
    }
}
