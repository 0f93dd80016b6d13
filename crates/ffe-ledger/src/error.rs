//! The two kinds of failure: a file that cannot be read at all, and a row that is refused.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The file cannot be read at all (the CLI exits 2). Messages are for the user, in Chinese.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum LedgerError {
    #[error("不支持的文件类型“{0}”：请上传 .xlsx、.xls 或 .csv 文件")]
    UnsupportedExtension(String),
    #[error("文件扩展名为 .{extension}，但内容{actual}，请用 Excel 或 WPS 打开后另存为 .xlsx")]
    WrongContent {
        extension: String,
        actual: &'static str,
    },
    #[error("文件为空")]
    Empty,
    #[error("文件过大（{size} 字节），上限为 {limit} 字节")]
    TooLarge { size: usize, limit: usize },
    #[error("文件已加密或设有打开密码，请取消密码后重新上传")]
    Encrypted,
    #[error("文件包含宏（VBA），出于安全原因不予读取，请另存为不含宏的 .xlsx 文件")]
    Macros,
    #[error("文件疑似压缩炸弹：{0}")]
    ZipBomb(String),
    #[error("工作表“{sheet}”的范围 {range} 超出上限（最多 {max_rows} 行、{max_columns} 列）")]
    SheetTooLarge {
        sheet: String,
        range: String,
        max_rows: u32,
        max_columns: u32,
    },
    #[error(
        "工作表的使用范围过大（{rows} 行 × {columns} 列），.xls 文件最多读取 {max_cells} 个单元格的范围"
    )]
    XlsRangeTooLarge {
        rows: u64,
        columns: u64,
        max_cells: u64,
    },
    #[error("台账超过 {limit} 行，请分多个文件导入")]
    TooManyRows { limit: u32 },
    #[error("文件已损坏或格式不正确：{0}")]
    Corrupt(String),
    #[error("无法识别文本编码：请将 CSV 文件保存为 UTF-8 或 GBK 编码")]
    Encoding,
    #[error(
        "在前 {searched} 行中没有找到表头行（需要“设备系统名称”“购置时间”“一级/二级/三级分类名称”“单价”“台套数”“是否国产”“是否联网”“是否支持数据采集”“是否支持信息接收”等列）{detail}"
    )]
    HeaderNotFound { searched: u32, detail: String },
    #[error("内置的设备分类（附录 1）无效：{0}")]
    Taxonomy(String),
    #[error("生成 Excel 文件失败：{0}")]
    Write(String),
}

/// A refused row: the sheet row as Excel shows it (1-based), the column header, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub row: u32,
    pub column: String,
    pub message: String,
}
