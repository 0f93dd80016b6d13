//! Problems found in a reference-data file. Every problem is reported at once, each naming the code it
//! concerns, in Chinese: the people who maintain the data read them.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DataProblem {
    #[error("TOML 语法或结构错误：{0}")]
    Syntax(String),
    #[error("代码“{code}”格式不对：{why}")]
    BadCode { code: String, why: &'static str },
    #[error("代码“{code}”重复")]
    Duplicate { code: String },
    #[error("代码“{code}”的名称不能为空")]
    EmptyName { code: String },
    #[error("“{child}”不在上级“{parent}”的代码范围内（应以 {prefix} 开头）")]
    OutsideParent {
        child: String,
        parent: String,
        prefix: String,
    },
    #[error(
        "“{code}”的类别应为“{expected}”（按 GB/T 2260，代码末两位决定类别），文件中写的是“{found}”"
    )]
    WrongKind {
        code: String,
        expected: &'static str,
        found: &'static str,
    },
    #[error("“{code}”下没有任何{missing}")]
    Childless { code: String, missing: &'static str },
}

/// All the problems of one file; loading fails if there is any.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct DataErrors(pub Vec<DataProblem>);

impl DataErrors {
    pub fn problems(&self) -> &[DataProblem] {
        &self.0
    }
}

impl fmt::Display for DataErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("；")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

/// Collects problems while a loader walks a file.
#[derive(Debug, Default)]
pub(crate) struct Collector(Vec<DataProblem>);

impl Collector {
    pub(crate) fn push(&mut self, problem: DataProblem) {
        self.0.push(problem);
    }

    pub(crate) fn finish<T>(self, value: T) -> Result<T, DataErrors> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(DataErrors(self.0))
        }
    }
}

/// Whether `code` is exactly `len` ASCII digits.
pub(crate) fn is_digits(code: &str, len: usize) -> bool {
    code.len() == len && code.bytes().all(|b| b.is_ascii_digit())
}
