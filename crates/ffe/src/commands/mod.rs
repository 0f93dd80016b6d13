//! One module per subcommand group. Each `run` returns the process exit code.

pub mod format;
pub mod index;
pub mod ledger;
pub mod scheme;
pub mod score;
pub mod serve;
