//! The 13 columns of Appendix 2 and how a header row is recognised among the first rows of a sheet.

use std::sync::OnceLock;

use crate::cell::Cell;
use crate::text::header_key;

/// A column of the ledger, in the order of Appendix 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Seq,
    Name,
    Model,
    PurchaseDate,
    Level1,
    Level2,
    Level3,
    UnitPrice,
    Units,
    Domestic,
    Networked,
    DataCollection,
    InfoReceiving,
}

impl Column {
    pub const ALL: [Column; 13] = [
        Column::Seq,
        Column::Name,
        Column::Model,
        Column::PurchaseDate,
        Column::Level1,
        Column::Level2,
        Column::Level3,
        Column::UnitPrice,
        Column::Units,
        Column::Domestic,
        Column::Networked,
        Column::DataCollection,
        Column::InfoReceiving,
    ];

    /// The header as the template prints it (Appendix 2, with full-width brackets).
    pub fn header(self) -> &'static str {
        match self {
            Column::Seq => "序号",
            Column::Name => "设备系统名称",
            Column::Model => "规格型号",
            Column::PurchaseDate => "购置时间（按发票日期）",
            Column::Level1 => "设备系统一级分类名称",
            Column::Level2 => "设备系统二级分类名称",
            Column::Level3 => "设备系统三级分类名称",
            Column::UnitPrice => "设备系统单价（万元）",
            Column::Units => "设备系统台套数",
            Column::Domestic => "是否国产",
            Column::Networked => "是否联网",
            Column::DataCollection => "是否支持数据采集",
            Column::InfoReceiving => "是否支持信息接收",
        }
    }

    /// Other headers people write for the same column (compared as header keys).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Seq => &["序号", "编号", "No", "No."],
            Column::Name => &["设备系统名称", "设备名称", "系统名称", "名称"],
            Column::Model => &["规格型号", "型号规格", "型号", "规格"],
            Column::PurchaseDate => &[
                "购置时间（按发票日期）",
                "购置时间",
                "购置日期",
                "购买时间",
                "购买日期",
                "发票日期",
            ],
            Column::Level1 => &["设备系统一级分类名称", "一级分类名称", "一级分类", "一级"],
            Column::Level2 => &["设备系统二级分类名称", "二级分类名称", "二级分类", "二级"],
            Column::Level3 => &["设备系统三级分类名称", "三级分类名称", "三级分类", "三级"],
            Column::UnitPrice => &[
                "设备系统单价（万元）",
                "单价（万元）",
                "设备系统单价",
                "单价",
            ],
            Column::Units => &["设备系统台套数", "台套数", "台（套）数", "数量"],
            Column::Domestic => &["是否国产", "国产"],
            Column::Networked => &["是否联网", "联网"],
            Column::DataCollection => &["是否支持数据采集", "支持数据采集", "数据采集"],
            Column::InfoReceiving => &["是否支持信息接收", "支持信息接收", "信息接收"],
        }
    }

    /// Columns a sheet must have for its rows to be read at all.
    pub fn required_in_header(self) -> bool {
        !matches!(self, Column::Seq | Column::Model)
    }

    /// The column a header cell names, if any.
    pub fn from_header(text: &str) -> Option<Column> {
        let key = header_key(text);
        if key.is_empty() {
            return None;
        }
        alias_keys()
            .iter()
            .find(|(alias, _)| *alias == key)
            .map(|(_, column)| *column)
    }
}

/// Every alias as a header key, computed once: header matching runs on every row (to skip a
/// repeated header), so it must not fold the aliases again each time.
fn alias_keys() -> &'static [(String, Column)] {
    static KEYS: OnceLock<Vec<(String, Column)>> = OnceLock::new();
    KEYS.get_or_init(|| {
        Column::ALL
            .into_iter()
            .flat_map(|c| c.aliases().iter().map(move |a| (header_key(a), c)))
            .collect()
    })
}

/// Where each column sits in the sheet (0-based positions), found from a header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    positions: Vec<(Column, usize)>,
}

impl ColumnMap {
    /// Read a row as a header row. `Ok` when every required column is present; `Err` with the
    /// number of distinct columns recognised and the required ones missing otherwise.
    pub fn from_row(cells: &[Cell]) -> Result<ColumnMap, (usize, Vec<Column>)> {
        ColumnMap::from_candidates(cells.len(), |index| {
            text_at(cells, index).into_iter().collect()
        })
    }

    /// Read two consecutive rows as one header: a group cell above (“是否” merged over four
    /// columns, “设备系统分类名称” over three) and the names below, or a header split across the
    /// rows (“设备系统” above “台套数”). Each column tries the lower cell, then upper + lower,
    /// then the upper cell alone.
    pub fn from_two_rows(
        upper: &[Cell],
        lower: &[Cell],
    ) -> Result<ColumnMap, (usize, Vec<Column>)> {
        ColumnMap::from_candidates(upper.len().max(lower.len()), |index| {
            let (up, low) = (text_at(upper, index), text_at(lower, index));
            let mut candidates = Vec::new();
            if let Some(low) = low {
                candidates.push(low.to_owned());
            }
            if let (Some(up), Some(low)) = (up, low) {
                candidates.push(format!("{up}{low}"));
            }
            if let (Some(up), None) = (up, low) {
                candidates.push(up.to_owned());
            }
            candidates
        })
    }

    fn from_candidates<S: AsRef<str>>(
        width: usize,
        candidates: impl Fn(usize) -> Vec<S>,
    ) -> Result<ColumnMap, (usize, Vec<Column>)> {
        let mut positions: Vec<(Column, usize)> = Vec::new();
        for index in 0..width {
            let found = candidates(index)
                .iter()
                .filter_map(|text| Column::from_header(text.as_ref()))
                .find(|column| !positions.iter().any(|(c, _)| c == column));
            if let Some(column) = found {
                positions.push((column, index));
            }
        }
        let missing: Vec<Column> = Column::ALL
            .into_iter()
            .filter(|c| c.required_in_header() && !positions.iter().any(|(p, _)| p == c))
            .collect();
        if missing.is_empty() {
            Ok(ColumnMap { positions })
        } else {
            Err((positions.len(), missing))
        }
    }

    /// The cell of a column in a row; a missing column or a short row reads as empty.
    pub fn get<'a>(&self, cells: &'a [Cell], column: Column) -> &'a Cell {
        const EMPTY: &Cell = &Cell::Empty;
        self.positions
            .iter()
            .find(|(c, _)| *c == column)
            .and_then(|(_, index)| cells.get(*index))
            .unwrap_or(EMPTY)
    }

    /// Whether a row repeats the header (tables pasted page by page do).
    pub fn is_header_again(&self, cells: &[Cell]) -> bool {
        self.positions
            .iter()
            .all(|(column, index)| match cells.get(*index) {
                Some(Cell::Text(text)) => Column::from_header(text) == Some(*column),
                _ => false,
            })
    }
}

fn text_at(cells: &[Cell], index: usize) -> Option<&str> {
    match cells.get(index) {
        Some(Cell::Text(text)) if !text.trim().is_empty() => Some(text.as_str()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_row(headers: &[&str]) -> Vec<Cell> {
        headers
            .iter()
            .map(|h| Cell::Text((*h).to_owned()))
            .collect()
    }

    #[test]
    fn seed_headers_with_spaces_are_recognised() {
        // As the seed prints them, with the line breaks of the PDF turned into spaces.
        let row = text_row(&[
            "序号",
            "设备系统名称",
            "规格型号",
            "购置时间 (按发票日期)",
            "设备系统一级 分类名称",
            "设备系统二级 分类名称",
            "设备系统三级 分类名称",
            "设备系统单价 (万元)",
            "设备系统 台套数",
            "是否 国产",
            "是否 联网",
            "是否支持数 据采集",
            "是否支持信 息接收",
        ]);
        let map = ColumnMap::from_row(&row).expect("all columns");
        assert_eq!(
            map.get(&row, Column::Units),
            &Cell::Text("设备系统 台套数".into())
        );
        assert!(map.is_header_again(&row));
    }

    #[test]
    fn every_template_header_maps_to_its_column() {
        for column in Column::ALL {
            assert_eq!(Column::from_header(column.header()), Some(column));
        }
    }

    #[test]
    fn a_header_over_two_rows_with_merged_groups() {
        let upper = text_row(&[
            "序号",
            "设备系统名称",
            "规格型号",
            "购置时间",
            "设备系统分类名称",
            "",
            "",
            "设备系统",
            "设备系统",
            "是否",
            "",
            "",
            "",
        ]);
        let lower = text_row(&[
            "",
            "",
            "",
            "",
            "一级分类名称",
            "二级分类名称",
            "三级分类名称",
            "单价（万元）",
            "台套数",
            "国产",
            "联网",
            "支持数据采集",
            "支持信息接收",
        ]);
        assert!(ColumnMap::from_row(&upper).is_err());
        assert!(ColumnMap::from_row(&lower).is_err());
        let map = ColumnMap::from_two_rows(&upper, &lower).expect("two-row header");
        for (index, column) in Column::ALL.into_iter().enumerate() {
            assert_eq!(
                map.positions
                    .iter()
                    .find(|(c, _)| *c == column)
                    .map(|(_, i)| *i),
                Some(index)
            );
        }
    }

    #[test]
    fn a_title_row_is_not_a_header() {
        let row = text_row(&["附录 2 企业设备系统购置情况一览表"]);
        let (found, missing) = ColumnMap::from_row(&row).expect_err("title");
        assert_eq!(found, 0);
        assert_eq!(missing.len(), 11);
    }
}
