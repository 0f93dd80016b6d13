//! Problems found in a data file: every one is reported at once, with its line and code.

use std::fmt;

use crate::code::{CodeError, Level};

/// What is wrong. Messages are in Chinese: the people who maintain the index read them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProblemKind {
    #[error("TOML 语法或结构错误：{0}")]
    Syntax(String),
    #[error("缺少 [edition] 表头（id、title）")]
    MissingHeader,
    #[error("版本标识“{0}”不合规：只能使用小写字母、数字和连字符")]
    BadId(String),
    #[error("{0}")]
    BadCode(CodeError),
    #[error("[[{table}]] 中的编码是{found}的编码")]
    WrongTable {
        table: &'static str,
        found: &'static str,
    },
    #[error("编码重复（首次出现在第 {first_line} 行）")]
    Duplicate { first_line: usize },
    #[error("上级节点 {parent} 不存在（{level}必须位于其上级之下）")]
    Orphan { parent: String, level: &'static str },
    #[error("指标 {indicator} 已有三级指标，评价内容不能直接挂在二级指标下")]
    Mixed { indicator: String },
    #[error("{field} 不能为空")]
    Empty { field: &'static str },
    #[error("{level}下没有任何{missing}")]
    Childless {
        level: &'static str,
        missing: &'static str,
    },
    #[error("编号不连续：此处应为 {expected}")]
    Numbering { expected: String },
    #[error("未知的答题类型“{0}”（可用：achievement、tier、options、quantity、ratio、points）")]
    UnknownKind(String),
    #[error("答题定义有误：{0}")]
    BadAnswer(String),
    #[error("字段 {field} 不适用于{level}")]
    FieldNotAllowed {
        field: &'static str,
        level: &'static str,
    },
    #[error("评价要素缺少 answer（答题类型）")]
    MissingAnswer,
    #[error("分级（tier）至少需要两个等级，现有 {0} 个")]
    TooFewLevels(usize),
    #[error("多选（options）至少需要两个选项，现有 {0} 个")]
    TooFewOptions(usize),
    #[error("选项或等级“{0}”重复")]
    DuplicateChoice(String),
    #[error("未知的台账指标“{0}”")]
    UnknownMetric(String),
    #[error("评分（points）的上限必须大于 0，且单项分值不超过上限")]
    BadPoints,
    #[error("未知的举证标记“{0}”（可用：*、√、P）")]
    UnknownMarker(String),
    #[error("未知的材料类型“{0}”")]
    UnknownMaterial(String),
    #[error("未知的适用范围“{0}”（可用：discrete、process、high_value_equipment）")]
    UnknownApplicability(String),
    #[error("字数要求的下限 {min} 大于上限 {max}")]
    WordsInverted { min: i64, max: i64 },
    #[error("字数要求必须给出 min 或 max，且不能为负数")]
    WordsInvalid,
    #[error("举证要求既无标记也无文字")]
    EmptyEvidence,
    #[error("evidence_ref 指向的 {target} {reason}")]
    BadEvidenceRef {
        target: String,
        reason: &'static str,
    },
    #[error("分类“{0}”在同级中重复")]
    DuplicateClass(String),
    #[error("分类层级超过三级")]
    TooDeep,
    #[error("缺少 [taxonomy] 表头（id、title）")]
    MissingTaxonomyHeader,
}

impl ProblemKind {
    pub(crate) fn level_zh(level: Level) -> &'static str {
        level.label_zh()
    }
}

/// One problem, located. Generic over what is wrong, so that every data file (index, taxonomy,
/// scoring scheme) reports its problems the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem<K = ProblemKind> {
    /// 1-based line in the file, where known.
    pub line: Option<usize>,
    /// The code (or taxonomy path) of the node concerned, where known.
    pub code: Option<String>,
    pub kind: K,
}

impl<K: fmt::Display> fmt::Display for Problem<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.line, &self.code) {
            (Some(line), Some(code)) => write!(f, "第 {line} 行 [{code}]：{}", self.kind),
            (Some(line), None) => write!(f, "第 {line} 行：{}", self.kind),
            (None, Some(code)) => write!(f, "[{code}]：{}", self.kind),
            (None, None) => write!(f, "{}", self.kind),
        }
    }
}

/// All the problems of one file, in line order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems<K = ProblemKind>(pub Vec<Problem<K>>);

impl<K> Problems<K> {
    pub fn iter(&self) -> impl Iterator<Item = &Problem<K>> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether any problem is of the kind `matches` accepts.
    pub fn any(&self, matches: impl Fn(&K) -> bool) -> bool {
        self.0.iter().any(|p| matches(&p.kind))
    }
}

impl<K: fmt::Display> fmt::Display for Problems<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.0 {
            writeln!(f, "{p}")?;
        }
        write!(f, "共 {} 个问题", self.0.len())
    }
}

impl<K: fmt::Debug + fmt::Display> std::error::Error for Problems<K> {}

/// Collects problems while a file is read, to report them all at once.
#[derive(Debug)]
pub struct ProblemCollector<K = ProblemKind> {
    problems: Vec<Problem<K>>,
}

impl<K> Default for ProblemCollector<K> {
    fn default() -> Self {
        ProblemCollector {
            problems: Vec::new(),
        }
    }
}

impl<K> ProblemCollector<K> {
    pub fn push(&mut self, line: Option<usize>, code: Option<&str>, kind: K) {
        self.problems.push(Problem {
            line,
            code: code.map(str::to_string),
            kind,
        });
    }

    /// `value` if nothing was found, else every problem in line order (unlocated ones last).
    pub fn finish<T>(mut self, value: T) -> Result<T, Problems<K>> {
        if self.problems.is_empty() {
            Ok(value)
        } else {
            self.problems.sort_by_key(|p| p.line.unwrap_or(usize::MAX));
            Err(Problems(self.problems))
        }
    }
}

pub(crate) type Collector = ProblemCollector<ProblemKind>;

/// The 1-based line of a byte offset in `text` (TOML spans are byte offsets).
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()
        .get(..end)
        .map_or(0, |head| head.iter().filter(|b| **b == b'\n').count())
        + 1
}

/// A TOML error as a located problem.
pub(crate) fn syntax_problem(text: &str, err: &toml::de::Error) -> Problem {
    Problem {
        line: err.span().map(|span| line_of(text, span.start)),
        code: None,
        kind: ProblemKind::Syntax(err.message().trim().to_string()),
    }
}
