//! Who an organisation is and where it sits: the reference data and identity checks that enterprise
//! registration needs.
//!
//! - [`CreditCode`]: 统一社会信用代码, parsed once with both GB 32100 / GB 11714 check characters.
//! - [`Regions`]: Zhejiang's 11 cities and their counties (GB/T 2260), shipped in [`shipped::regions`].
//! - [`Industries`]: GB/T 4754-2017 manufacturing, 大类 and 中类, shipped in [`shipped::industries`].
//! - [`IndustryType`]: 离散型 or 流程型, as the enterprise declares it.
//!
//! Nothing here does I/O: loaders take text, and the shipped data is compiled in ([`shipped`]).
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

mod credit_code;
mod industries;
mod industry_type;
mod problem;
mod regions;
pub mod shipped;

pub use credit_code::{CreditCode, CreditCodeError};
pub use industries::{Division, Group, Industries, Industry, IndustryCodeError};
pub use industry_type::{IndustryType, UnknownIndustryType};
pub use problem::{DataErrors, DataProblem};
pub use regions::{City, County, CountyKind, Place, PlaceError, Regions};
