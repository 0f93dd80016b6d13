//! GB/T 4754 industry codes: the 大类 (two-digit divisions) and 中类 (three-digit groups) of one 门类
//! (section; for ffe, C 制造业), as data (`data/industries/`).

use std::collections::HashSet;

use serde::Deserialize;

use crate::problem::{Collector, DataErrors, DataProblem, is_digits};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    pub code: String,
    pub name: String,
    pub groups: Vec<Group>,
}

/// A valid industry code, resolved: a division, or a group within its division.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Industry<'a> {
    pub division: &'a Division,
    pub group: Option<&'a Group>,
}

impl Industry<'_> {
    /// The two- or three-digit code, without the section letter.
    pub fn code(&self) -> &str {
        self.group.map_or(&self.division.code, |g| &g.code)
    }

    pub fn name(&self) -> &str {
        self.group.map_or(&self.division.name, |g| &g.name)
    }
}

/// Why a code typed on a form is not an industry of the table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndustryCodeError {
    #[error("请填写行业代码")]
    Empty,
    #[error(
        "行业代码“{0}”格式不对：应为两位大类代码（如 36）或三位中类代码（如 367），可带门类字母"
    )]
    Malformed(String),
    #[error("“{code}”是四位小类代码，请填写它所属的三位中类代码 {group}")]
    Class { code: String, group: String },
    #[error("行业代码“{code}”不在《{standard}》{section_name}（门类 {section}）的大类、中类中")]
    Unknown {
        code: String,
        standard: String,
        section: String,
        section_name: String,
    },
}

/// The divisions and groups of one section of GB/T 4754.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Industries {
    /// The edition of the standard, e.g. "GB/T 4754-2017", and its title.
    pub standard: String,
    pub title: String,
    /// The section letter ("C") and its name ("制造业").
    pub section: String,
    pub section_name: String,
    pub divisions: Vec<Division>,
}

impl Industries {
    /// Parses and checks an industries file; every problem is reported at once.
    pub fn load(text: &str) -> Result<Industries, DataErrors> {
        let raw: RawIndustries = toml::from_str(text)
            .map_err(|e| DataErrors(vec![DataProblem::Syntax(e.message().to_string())]))?;
        let mut problems = Collector::default();
        let section = raw.meta.section;
        if section.len() != 1 || !section.bytes().all(|b| b.is_ascii_uppercase()) {
            problems.push(DataProblem::BadCode {
                code: section.clone(),
                why: "门类代码应为一个大写字母",
            });
        }
        let mut seen = HashSet::new();
        let mut divisions = Vec::with_capacity(raw.division.len());
        for division in raw.division {
            check_code(&division.code, &division.name, 2, &mut seen, &mut problems);
            if division.groups.is_empty() {
                problems.push(DataProblem::Childless {
                    code: division.code.clone(),
                    missing: "中类",
                });
            }
            let mut groups = Vec::with_capacity(division.groups.len());
            for group in division.groups {
                check_code(&group.code, &group.name, 3, &mut seen, &mut problems);
                if !group.code.starts_with(&division.code) {
                    problems.push(DataProblem::OutsideParent {
                        child: group.code.clone(),
                        parent: division.code.clone(),
                        prefix: division.code.clone(),
                    });
                }
                groups.push(Group {
                    code: group.code,
                    name: group.name,
                });
            }
            divisions.push(Division {
                code: division.code,
                name: division.name,
                groups,
            });
        }
        problems.finish(Industries {
            standard: raw.meta.standard,
            title: raw.meta.title,
            section,
            section_name: raw.meta.section_name,
            divisions,
        })
    }

    /// A division (大类) by its two-digit code.
    pub fn division(&self, code: &str) -> Option<&Division> {
        self.divisions.iter().find(|d| d.code == code)
    }

    /// Validates and resolves a code as people write it: "36", "367", or with the section letter
    /// ("C367", "c367"); surrounding whitespace is ignored.
    pub fn lookup(&self, input: &str) -> Result<Industry<'_>, IndustryCodeError> {
        let typed = input.trim();
        if typed.is_empty() {
            return Err(IndustryCodeError::Empty);
        }
        // A section letter may lead; another section's letter names an industry outside this table.
        let (letter, code) = match typed.chars().next() {
            Some(first) if first.is_ascii_alphabetic() => {
                (Some(first), typed.get(1..).unwrap_or_default())
            }
            _ => (None, typed),
        };
        let unknown = || IndustryCodeError::Unknown {
            code: typed.to_string(),
            standard: self.standard.clone(),
            section: self.section.clone(),
            section_name: self.section_name.clone(),
        };
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IndustryCodeError::Malformed(typed.to_string()));
        }
        if letter.is_some_and(|l| {
            !self
                .section
                .eq_ignore_ascii_case(l.encode_utf8(&mut [0; 4]))
        }) {
            return Err(unknown());
        }
        match code.len() {
            2 => self
                .division(code)
                .map(|division| Industry {
                    division,
                    group: None,
                })
                .ok_or_else(unknown),
            3 => {
                let division = self
                    .division(code.get(..2).unwrap_or_default())
                    .ok_or_else(unknown)?;
                let group = division
                    .groups
                    .iter()
                    .find(|g| g.code == code)
                    .ok_or_else(unknown)?;
                Ok(Industry {
                    division,
                    group: Some(group),
                })
            }
            4 => {
                let group = code.get(..3).unwrap_or_default();
                // Point to the group only if it exists; otherwise the class is simply unknown.
                self.lookup(group).map_err(|_| unknown())?;
                Err(IndustryCodeError::Class {
                    code: typed.to_string(),
                    group: group.to_string(),
                })
            }
            _ => Err(IndustryCodeError::Malformed(typed.to_string())),
        }
    }
}

fn check_code(
    code: &str,
    name: &str,
    len: usize,
    seen: &mut HashSet<String>,
    problems: &mut Collector,
) {
    if !is_digits(code, len) {
        problems.push(DataProblem::BadCode {
            code: code.to_string(),
            why: if len == 2 {
                "大类代码应为 2 位数字"
            } else {
                "中类代码应为 3 位数字"
            },
        });
    }
    if !seen.insert(code.to_string()) {
        problems.push(DataProblem::Duplicate {
            code: code.to_string(),
        });
    }
    if name.trim().is_empty() {
        problems.push(DataProblem::EmptyName {
            code: code.to_string(),
        });
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndustries {
    meta: RawMeta,
    #[serde(default)]
    division: Vec<RawDivision>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    standard: String,
    title: String,
    section: String,
    section_name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDivision {
    code: String,
    name: String,
    #[serde(default)]
    groups: Vec<RawGroup>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    code: String,
    name: String,
}
