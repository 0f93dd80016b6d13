//! Integration tests of ffe-ledger: real files in, exact rows, errors and metrics out.

mod formats;
mod hostile;
mod messy;
mod metrics;
mod roundtrip;
mod support;
