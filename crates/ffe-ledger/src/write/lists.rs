//! The taxonomy as lists on a hidden sheet, with the workbook names the drop-downs refer to:
//! `一级分类` for level 1, `二级_<level 1>` for the level-2 classes of each level-1 class,
//! `三级_<level 1>_<level 2>` for the level-3 classes of each level-2 class. Characters a name
//! may not hold become `_`, in the names and, through SUBSTITUTE, in the formulas that build them.

use std::collections::BTreeSet;

use ffe_index::Taxonomy;
use rust_xlsxwriter::{Workbook, Worksheet};

use crate::cell::a1;
use crate::error::LedgerError;
use crate::write::write_error;

pub const LISTS_SHEET: &str = "分类";
pub const LEVEL1_NAME: &str = "一级分类";
const LEVEL2_PREFIX: &str = "二级_";
const LEVEL3_PREFIX: &str = "三级_";

fn allowed_in_name(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| if allowed_in_name(c) { c } else { '_' })
        .collect()
}

/// Write the lists and define the names. Returns the drop-down formulas for the level-2 and
/// level-3 columns, relative to the given first data row (0-based) and class columns.
pub fn write(
    workbook: &mut Workbook,
    taxonomy: &Taxonomy,
    first_row: u32,
    level1_column: u16,
    level2_column: u16,
) -> Result<(String, String), LedgerError> {
    let mut names: Vec<(String, String)> = Vec::new();
    let sheet: &mut Worksheet = workbook.add_worksheet();
    sheet.set_name(LISTS_SHEET).map_err(write_error)?;
    sheet.set_hidden(true);

    let mut column: u16 = 0;
    let mut list = |sheet: &mut Worksheet,
                    name: String,
                    items: Vec<&str>,
                    column: &mut u16|
     -> Result<(), LedgerError> {
        for (row, item) in items.iter().enumerate() {
            let row = u32::try_from(row).map_err(|_| LedgerError::Write("分类过多".to_owned()))?;
            sheet
                .write_string(row, *column, *item)
                .map_err(write_error)?;
        }
        let last = u32::try_from(items.len().max(1) - 1).unwrap_or(0);
        let from = a1(0, u32::from(*column));
        let to = a1(last, u32::from(*column));
        names.push((
            name,
            format!(
                "='{LISTS_SHEET}'!${}:${}",
                dollar_row(&from),
                dollar_row(&to)
            ),
        ));
        *column += 1;
        Ok(())
    };

    list(
        sheet,
        LEVEL1_NAME.to_owned(),
        taxonomy.classes.iter().map(|c| c.name.as_str()).collect(),
        &mut column,
    )?;
    for one in &taxonomy.classes {
        list(
            sheet,
            format!("{LEVEL2_PREFIX}{}", sanitize(&one.name)),
            one.children.iter().map(|c| c.name.as_str()).collect(),
            &mut column,
        )?;
    }
    for one in &taxonomy.classes {
        for two in one.children.iter().filter(|c| !c.children.is_empty()) {
            list(
                sheet,
                format!(
                    "{LEVEL3_PREFIX}{}_{}",
                    sanitize(&one.name),
                    sanitize(&two.name)
                ),
                two.children.iter().map(|c| c.name.as_str()).collect(),
                &mut column,
            )?;
        }
    }

    let mut seen = BTreeSet::new();
    for (name, _) in &names {
        if !seen.insert(name.clone()) {
            return Err(LedgerError::Write(format!(
                "分类名称在模板的下拉列表中无法区分：{name}"
            )));
        }
    }
    for (name, range) in &names {
        workbook.define_name(name, range).map_err(write_error)?;
    }

    // The characters that sanitising replaced, for SUBSTITUTE in the formulas.
    let replaced: BTreeSet<char> = taxonomy
        .classes
        .iter()
        .flat_map(|one| std::iter::once(one).chain(one.children.iter()))
        .flat_map(|c| c.name.chars())
        .filter(|c| !allowed_in_name(*c))
        .collect();
    let substitute = |cell: String| {
        replaced.iter().fold(cell, |inner, c| {
            let quoted = if *c == '"' {
                "\"\"".to_owned()
            } else {
                c.to_string()
            };
            format!("SUBSTITUTE({inner},\"{quoted}\",\"_\")")
        })
    };
    let level1_cell = format!("${}", a1(first_row, u32::from(level1_column)));
    let level2_cell = format!("${}", a1(first_row, u32::from(level2_column)));
    let level2_formula = format!(
        "=INDIRECT(\"{LEVEL2_PREFIX}\"&{})",
        substitute(level1_cell.clone())
    );
    let level3_formula = format!(
        "=INDIRECT(\"{LEVEL3_PREFIX}\"&{}&\"_\"&{})",
        substitute(level1_cell),
        substitute(level2_cell)
    );
    Ok((level2_formula, level3_formula))
}

/// `B1` → `B$1`, so that the range reads `$B$1`.
fn dollar_row(reference: &str) -> String {
    let split = reference
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(reference.len());
    let (letters, digits) = reference.split_at(split);
    format!("{letters}${digits}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_chinese_and_replace_the_rest() {
        assert_eq!(sanitize("工业 APP"), "工业_APP");
        assert_eq!(sanitize("可组态(配置)装备"), "可组态_配置_装备");
        assert_eq!(dollar_row("AB12"), "AB$12");
    }
}
