//! Integration tests of ffe-org's public API, one binary with a module per concept.

mod credit_code;
mod industries;
mod industry_type;
mod regions;
