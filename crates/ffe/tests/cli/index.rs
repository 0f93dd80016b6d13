//! `ffe index …`

use std::io::Write;

use super::{ffe, stdout};

#[test]
fn check_passes_on_the_shipped_files() {
    let out = ffe(&["index", "check"]);
    assert!(out.status.success(), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("101 项评价内容"), "{text}");
    assert!(text.contains("77 个末级分类"), "{text}");
    for file in [
        "../../data/index/zj-ff-trial.toml",
        "../../data/taxonomy/zj-ff-trial-appendix1.toml",
    ] {
        let out = ffe(&["index", "check", file]);
        assert!(out.status.success(), "{file}: {}", stdout(&out));
    }
}

#[test]
fn check_lists_every_problem_and_exits_one() {
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    write!(
        file,
        "[edition]\nid = \"t\"\ntitle = \"t\"\n\n[[category]]\ncode = \"1\"\ntitle = \"x\"\n\n[[indicator]]\ncode = \"1.1\"\ntitle = \"x\"\n\n[[item]]\ncode = \"1.1.a\"\ntext = \"x\"\n\n[[element]]\ncode = \"1.1.a.1\"\ntext = \"x\"\nanswer = {{ kind = \"tier\", levels = [\"只有一级\"] }}\n\n[[element]]\ncode = \"1.1.b.1\"\ntext = \"x\"\nanswer = {{ kind = \"achievement\" }}\n"
    )
    .expect("write");
    let path = file.path().to_str().expect("utf-8 path");
    let out = ffe(&["index", "check", path]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("2 个问题"), "{text}");
    assert!(
        text.contains("第 17 行 [1.1.a.1]：分级（tier）至少需要两个等级"),
        "{text}"
    );
    assert!(
        text.contains("第 22 行 [1.1.b.1]：上级节点 1.1.b 不存在"),
        "{text}"
    );
}

#[test]
fn unreadable_file_exits_two() {
    let out = ffe(&["index", "check", "/nonexistent/edition.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("无法读取"));
}

#[test]
fn export_json_is_the_documented_tree() {
    let out = ffe(&["index", "export", "--format", "json"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let category = &json["children"][2];
    assert_eq!(category["code"], "3");
    assert_eq!(category["kind"], "category");
    let green = category["children"]
        .as_array()
        .and_then(|c| c.iter().find(|n| n["code"] == "3.5"))
        .expect("3.5");
    let item = &green["children"][0];
    assert_eq!(item["kind"], "item");
    assert_eq!(item["letter"], "a");
    assert_eq!(item["evidence"][0]["marker"], "P");
    let element = &item["children"][0];
    assert_eq!(element["code"], "3.5.a.1");
    assert_eq!(element["answer"]["kind"], "tier");
    assert_eq!(
        element["answer"]["levels"].as_array().map(Vec::len),
        Some(3)
    );
}

#[test]
fn export_toml_checks_clean() {
    let out = ffe(&["index", "export", "--format", "toml"]);
    assert!(out.status.success());
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    file.write_all(&out.stdout).expect("write");
    let check = ffe(&["index", "check", file.path().to_str().expect("path")]);
    assert!(check.status.success(), "{}", stdout(&check));
}

#[test]
fn show_prints_a_readable_chinese_tree() {
    let out = ffe(&["index", "show", "3.2"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.starts_with("3 能力建设要求\n3.2 智能化生产（二级指标）"),
        "{text}"
    );
    assert!(text.contains("3.2.1 计划调度（三级指标）"));
    assert!(text.contains("〔仅适用于离散型行业〕"));
    assert!(text.contains("1000-1500 字"));

    let missing = ffe(&["index", "show", "9.9"]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn taxonomy_as_json_and_text() {
    let out = ffe(&["index", "taxonomy", "--format", "json"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["children"][0]["name"], "整体解决方案");
    assert_eq!(
        json["children"][0]["children"][0]["children"][0]["name"],
        "整体规划设计"
    );
    let text = stdout(&ffe(&["index", "taxonomy"]));
    assert!(text.contains("      自动化立体仓库"));
}
