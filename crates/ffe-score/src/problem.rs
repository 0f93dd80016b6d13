//! Problems found in a scheme file, alone or against an index edition: every one at once, located.

/// What is wrong with a scheme. Messages are in Chinese: the authorities who edit schemes read them.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SchemeProblemKind {
    #[error("TOML 语法或结构错误：{0}")]
    Syntax(String),
    #[error("方案标识“{0}”不合规：只能使用小写字母、数字和连字符")]
    BadId(String),
    #[error("{field} 不能为空")]
    Empty { field: &'static str },
    #[error("总分 scale 必须是大于 0 的有限数，现为 {0}")]
    BadScale(f64),
    #[error("编码“{0}”格式不正确")]
    BadCode(String),
    #[error("编码在 [[{table}]] 中重复（首次出现在第 {first_line} 行）")]
    Duplicate {
        table: &'static str,
        first_line: usize,
    },
    #[error("{field} 必须是大于 0 的有限数，现为 {value}")]
    NotPositive { field: &'static str, value: f64 },
    #[error("{field} 不能为负数或非有限数，现为 {value}")]
    Negative { field: &'static str, value: f64 },
    #[error("未知的聚合方式“{0}”（可用：weighted、mean、best_of）")]
    UnknownAggregate(String),
    #[error("best_of 聚合需要 k ≥ 1")]
    MissingK,
    #[error("k 只用于 best_of 聚合")]
    KWithoutBestOf,
    #[error("未知的默认分级规则“{0}”（可用：linear）")]
    UnknownTierDefault(String),
    #[error("未知的选项上限“{0}”（可用：all，或一个数）")]
    UnknownOptionCap(String),
    #[error("未知的不足项数处理方式“{0}”（可用：keep、zero）")]
    UnknownUnderMin(String),
    #[error("阈值必须按 at 严格递增排列：{at} 不大于前一个阈值 {previous}")]
    ThresholdsNotAscending { at: f64, previous: f64 },
    #[error("阈值的分值不能随 at 增大而减少：{points} 小于前一个 {previous}")]
    ThresholdPointsDecrease { points: f64, previous: f64 },
    #[error(
        "分级各等级的分值不能随等级升高而减少：第 {level} 级 {points} 分小于前一级 {previous} 分"
    )]
    LevelPointsDecrease {
        level: usize,
        points: f64,
        previous: f64,
    },
    #[error("最高一档的分值必须大于 0，否则该要素无分可得")]
    NoBestPoints,
    #[error("{field} 不能为空列表")]
    EmptyList { field: &'static str },
    #[error("方案针对指数版本“{scheme}”，但所用指数版本为“{edition}”")]
    EditionMismatch { scheme: String, edition: String },
    #[error("指数中没有编码为 {0} 的节点")]
    UnknownCode(String),
    #[error("一级指标必须用 points 给出分值（不用 weight）")]
    CategoryNeedsPoints,
    #[error("points 只用于一级指标；其下各级用 weight 表示相对权重")]
    PointsBelowCategory,
    #[error("一级指标 {0} 在方案中没有分值（缺少 [[node]] code = \"{0}\" 与 points）")]
    MissingCategoryPoints(String),
    #[error("各一级指标分值之和 {sum} 不等于总分 scale = {scale}")]
    ScaleMismatch { sum: f64, scale: f64 },
    #[error("评价要素没有下级，不能设置聚合方式")]
    AggregateOnElement,
    #[error("best_of 的 k = {k} 超过了下级节点数 {children}")]
    KTooLarge { k: usize, children: usize },
    #[error("上级 {parent} 采用 {aggregate} 聚合，下级的 weight 不起作用，请删除")]
    WeightIgnored {
        parent: String,
        aggregate: &'static str,
    },
    #[error("[[rule]] 只能用于评价要素，{0} 不是评价要素")]
    RuleNotOnElement(String),
    #[error("要素为{kind}类型，不能使用字段 {field}")]
    FieldNotForKind {
        kind: &'static str,
        field: &'static str,
    },
    #[error("分级要素有 {expected} 个等级，levels 却给出 {found} 个分值")]
    LevelCount { expected: usize, found: usize },
    #[error("选项“{0}”不在该要素的选项中")]
    UnknownOption(String),
    #[error("选项上限 cap = {cap} 超过全部选项分值之和 {sum}，满分永远无法达到")]
    CapUnreachable { cap: f64, sum: f64 },
    #[error("该要素有 {0} 个选项，超过引擎支持的 64 个")]
    TooManyOptions(usize),
    #[error("{kind}要素必须在 [[rule]] 中给出 thresholds（分段阈值）")]
    MissingThresholds { kind: &'static str },
    #[error("step = {step} 超过该要素的满分 {max}")]
    StepTooLarge { step: f64, max: f64 },
    #[error("under_min_count 只用于规定了最少项数（min_count）的评分要素")]
    UnderMinWithoutMinCount,
}

/// One problem, located: the index crate's located problem, with a scheme's kinds.
pub type SchemeProblem = ffe_index::Problem<SchemeProblemKind>;

/// All the problems of one scheme, in line order.
pub type SchemeProblems = ffe_index::Problems<SchemeProblemKind>;

/// Collects problems while a scheme is read or checked.
pub(crate) type Collector = ffe_index::ProblemCollector<SchemeProblemKind>;

pub(crate) use ffe_index::line_of;
