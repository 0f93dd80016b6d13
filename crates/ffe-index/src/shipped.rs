//! The editions that ship with ffe, compiled into the binary.

/// The current edition of the index: 浙江省“未来工厂”评价指数（试行版）.
pub const EDITION: &str = include_str!("../../../data/index/zj-ff-trial.toml");

/// Appendix 1, the equipment taxonomy.
pub const TAXONOMY: &str = include_str!("../../../data/taxonomy/zj-ff-trial-appendix1.toml");

use std::sync::OnceLock;

use crate::{Edition, Problems, Taxonomy, load_edition, load_taxonomy};

/// The shipped edition, parsed once. The shipped file is checked by the tests, so an error here means
/// a broken build, reported rather than hidden.
pub fn edition() -> Result<&'static Edition, &'static Problems> {
    static CELL: OnceLock<Result<Edition, Problems>> = OnceLock::new();
    CELL.get_or_init(|| load_edition(EDITION)).as_ref()
}

/// The shipped taxonomy, parsed once.
pub fn taxonomy() -> Result<&'static Taxonomy, &'static Problems> {
    static CELL: OnceLock<Result<Taxonomy, Problems>> = OnceLock::new();
    CELL.get_or_init(|| load_taxonomy(TAXONOMY)).as_ref()
}
