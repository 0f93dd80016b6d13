//! The Future Factory index (浙江省“未来工厂”评价指数) as data.
//!
//! An edition is a TOML file (format: `docs/index-format.md`); [`load_edition`] parses and validates it
//! into an [`Edition`], a typed tree of categories, indicators, sub-indicators, items and elements.
//! Nothing here does I/O: callers pass text, and the shipped edition is compiled in ([`shipped`]).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo
    )
)]

mod answer;
mod code;
mod edition;
mod evidence;
mod export;
mod load;
mod problem;
mod raw;
pub mod shipped;
pub mod taxonomy;
mod words;

pub use answer::{Answer, LedgerMetric};
pub use code::{Code, CodeError, Level};
pub use edition::{Applicability, Edition, EditionMeta, Node, NodeBody};
pub use evidence::{Evidence, Marker, Material, WordRule};
pub use export::{to_json_tree, to_toml};
pub use load::load_edition;
pub use problem::{Problem, ProblemCollector, ProblemKind, Problems, line_of};
pub use taxonomy::{Class, Taxonomy, TaxonomyMeta, load_taxonomy};
pub use words::count_words;
