//! `ffe score …` and `ffe scheme …`

use std::io::Write;

use super::{ffe, stdout};

const DISCRETE: &str = "../../examples/discrete-machine-tools.answers.json";
const PROCESS: &str = "../../examples/process-chemical-fibre.answers.json";

fn json_of(args: &[&str]) -> serde_json::Value {
    let out = ffe(args);
    assert!(out.status.success(), "{}", stdout(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON output")
}

#[test]
fn scheme_check_passes_on_the_shipped_scheme() {
    for args in [
        vec!["scheme", "check"],
        vec![
            "scheme",
            "check",
            "../../data/scheme/zj-ff-trial-default.toml",
        ],
    ] {
        let out = ffe(&args);
        assert!(out.status.success(), "{}", stdout(&out));
        let text = stdout(&out);
        assert!(
            text.contains("校验通过") && text.contains("总分 1000"),
            "{text}"
        );
    }
}

#[test]
fn scheme_check_lists_every_problem_with_its_line_and_exits_one() {
    let shipped =
        std::fs::read_to_string("../../data/scheme/zj-ff-trial-default.toml").expect("read");
    let broken = shipped
        .replace("code = \"1.3\"\nweight = 2", "code = \"1.9\"\nweight = 2")
        .replace("points = 400", "points = 300");
    assert_ne!(broken, shipped);
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    file.write_all(broken.as_bytes()).expect("write");
    let out = ffe(&["scheme", "check", file.path().to_str().expect("path")]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("指数中没有编码为 1.9 的节点"), "{text}");
    assert!(
        text.contains("各一级指标分值之和 900 不等于总分 scale = 1000"),
        "{text}"
    );
    assert!(text.contains("第 ") && text.contains("2 个问题"), "{text}");
}

#[test]
fn score_prints_the_documented_json() {
    let json = json_of(&["score", DISCRETE, "--format", "json"]);
    assert_eq!(json["max"], 1000.0);
    let total = json["total"].as_f64().expect("total");
    assert!(total > 0.0 && total < 1000.0);
    let sum: f64 = ["1", "2", "3", "4"]
        .iter()
        .map(|c| json["nodes"][c]["score"].as_f64().expect("score"))
        .sum();
    assert!((sum - total).abs() < 0.05, "{sum} vs {total}");
    assert!(json["gaps"].as_array().is_some_and(|g| !g.is_empty()));
    assert_eq!(json["profile"]["industry_type"], "discrete");
    assert_eq!(json["nodes"]["2.3.1.c"]["applicable"], true);
    let process = json_of(&["score", PROCESS, "--format", "json"]);
    assert_eq!(process["nodes"]["3.1.3.a"]["applicable"], false);
}

#[test]
fn score_prints_a_chinese_table() {
    let out = ffe(&["score", PROCESS]);
    assert!(out.status.success());
    let text = stdout(&out);
    for needle in ["总分：", "能力建设要求", "得分率", "提升空间", "流程型"] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
}

#[test]
fn what_if_and_target_are_added_to_the_output() {
    let json = json_of(&[
        "score",
        DISCRETE,
        "--format",
        "json",
        "--set",
        "1.3.e.1=96",
        "--set",
        "3.5.a.1=国家级绿色工厂",
        "--target",
        "700",
    ]);
    assert!(json["what_if"]["delta"].as_f64().is_some_and(|d| d > 0.0));
    assert!(
        json["what_if"]["nodes"]
            .as_array()
            .is_some_and(|n| n.iter().any(|d| d["code"] == "3.5"))
    );
    assert!(
        json["plan"]["after"]
            .as_f64()
            .is_some_and(|a| a >= 700.0 - 1e-6)
    );
    assert!(json["plan"]["step_count"].as_u64().is_some_and(|n| n > 0));
    let out = ffe(&["score", DISCRETE, "--set", "3.5.a.1=市级"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("省级绿色工厂"));
    let out = ffe(&["score", DISCRETE, "--target", "1200"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("超过了满分"));
}

#[test]
fn bad_answers_name_the_code_and_exit_one() {
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    write!(
        file,
        r#"{{"profile": {{"industry_type": "discrete"}}, "answers": {{"1.1.b.2": "是", "9.1.a.1": true}}}}"#
    )
    .expect("write");
    let out = ffe(&["score", file.path().to_str().expect("path")]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("[1.1.b.2]") && text.contains("true 或 false"),
        "{text}"
    );
    assert!(text.contains("[9.1.a.1]"), "{text}");
}

#[test]
fn a_ledger_supplies_its_metrics() {
    let json = json_of(&[
        "score",
        PROCESS,
        "--format",
        "json",
        "--ledger",
        "../ffe-ledger/tests/fixtures/ledger.csv",
    ]);
    let e = &json["elements"]["1.3.e.1"];
    assert_eq!(e["source"], "ledger");
    assert!(
        e["explanation"]
            .as_str()
            .is_some_and(|x| x.contains("取自设备台账")),
        "{e}"
    );
}

#[test]
fn the_answers_schema_is_printed() {
    let json = json_of(&["scheme", "answers-schema"]);
    assert_eq!(
        json["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert!(json["properties"]["answers"]["properties"]["1.3.e.1"].is_object());
}
