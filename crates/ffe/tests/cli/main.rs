//! The `ffe` binary as users run it: exit codes, output formats, messages.

mod index;
mod ledger;
mod score;

use std::process::{Command, Output};

/// Run the built `ffe` binary with `args`.
pub fn ffe(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ffe"))
        .args(args)
        .output()
        .expect("the ffe binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}
