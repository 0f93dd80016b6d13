//! The validator against broken files: each is refused with the right problem, located.

use ffe_index::{ProblemKind, Problems, load_edition, load_taxonomy};

const HEADER: &str = "[edition]\nid = \"test\"\ntitle = \"测试\"\n";

/// A small valid edition the broken cases start from.
const BASE: &str = r#"
[[category]]
code = "1"
title = "关键技术"

[[indicator]]
code = "1.1"
title = "支撑保障条件"

[[item]]
code = "1.1.a"
text = "加大人才引进。"
evidence = [{ marker = "*", text = "提供场景描述（不少于 300 字）", materials = ["text"], words = { min = 300 } }]

[[element]]
code = "1.1.a.1"
text = "已建立合作机制。"
answer = { kind = "achievement" }

[[element]]
code = "1.1.a.2"
text = "绿色工厂等级。"
answer = { kind = "tier", levels = ["省级", "国家级"] }
"#;

fn problems(extra: &str) -> Problems {
    load_edition(&format!("{HEADER}{BASE}{extra}")).expect_err("should be refused")
}

fn refused_with(extra: &str, line_hint: Option<usize>, matches: impl Fn(&ProblemKind) -> bool) {
    let found = problems(extra);
    assert!(found.any(&matches), "unexpected problems:\n{found}");
    if let Some(line) = line_hint {
        assert!(
            found
                .iter()
                .any(|p| matches(&p.kind) && p.line == Some(line)),
            "expected the problem on line {line}:\n{found}"
        );
    }
}

fn base_lines() -> usize {
    format!("{HEADER}{BASE}").lines().count()
}

#[test]
fn the_base_is_valid() {
    let edition = load_edition(&format!("{HEADER}{BASE}")).expect("valid");
    assert_eq!(edition.elements().count(), 2);
}

#[test]
fn duplicate_code() {
    let at = base_lines() + 2;
    refused_with(
        "\n[[element]]\ncode = \"1.1.a.1\"\ntext = \"重复\"\nanswer = { kind = \"achievement\" }\n",
        Some(at),
        |k| matches!(k, ProblemKind::Duplicate { .. }),
    );
}

#[test]
fn malformed_code() {
    refused_with(
        "\n[[element]]\ncode = \"1.1.A.3\"\ntext = \"x\"\nanswer = { kind = \"achievement\" }\n",
        None,
        |k| matches!(k, ProblemKind::BadCode(_)),
    );
}

#[test]
fn element_outside_an_item() {
    refused_with(
        "\n[[element]]\ncode = \"1.1.b.1\"\ntext = \"无主要素\"\nanswer = { kind = \"achievement\" }\n",
        Some(base_lines() + 2),
        |k| matches!(k, ProblemKind::Orphan { parent, .. } if parent == "1.1.b"),
    );
}

#[test]
fn code_in_the_wrong_table() {
    refused_with(
        "\n[[item]]\ncode = \"1.1.a.3\"\ntext = \"x\"\n",
        None,
        |k| matches!(k, ProblemKind::WrongTable { table: "item", .. }),
    );
}

#[test]
fn tier_with_one_level() {
    refused_with(
        "\n[[element]]\ncode = \"1.1.a.3\"\ntext = \"x\"\nanswer = { kind = \"tier\", levels = [\"国家级\"] }\n",
        None,
        |k| matches!(k, ProblemKind::TooFewLevels(1)),
    );
}

#[test]
fn duplicate_option() {
    refused_with(
        "\n[[element]]\ncode = \"1.1.a.3\"\ntext = \"x\"\nanswer = { kind = \"options\", options = [\"A\", \"A\"] }\n",
        None,
        |k| matches!(k, ProblemKind::DuplicateChoice(c) if c == "A"),
    );
}

#[test]
fn word_range_inverted() {
    refused_with(
        "\n[[item]]\ncode = \"1.1.b\"\ntext = \"x\"\nevidence = [{ text = \"说明\", words = { min = 800, max = 500 } }]\n\n[[element]]\ncode = \"1.1.b.1\"\ntext = \"x\"\nanswer = { kind = \"achievement\" }\n",
        None,
        |k| matches!(k, ProblemKind::WordsInverted { min: 800, max: 500 }),
    );
}

#[test]
fn unknown_answer_kind() {
    refused_with(
        "\n[[element]]\ncode = \"1.1.a.3\"\ntext = \"x\"\nanswer = { kind = \"percentage\" }\n",
        None,
        |k| matches!(k, ProblemKind::UnknownKind(kind) if kind == "percentage"),
    );
}

#[test]
fn answer_missing_its_fields() {
    refused_with(
        "\n[[element]]\ncode = \"1.1.a.3\"\ntext = \"x\"\nanswer = { kind = \"quantity\" }\n",
        None,
        |k| matches!(k, ProblemKind::BadAnswer(msg) if msg.contains("unit")),
    );
}

#[test]
fn unknown_marker_material_metric_and_applicability() {
    let found = problems(
        "\n[[item]]\ncode = \"1.1.b\"\ntext = \"x\"\napplies_to = \"everyone\"\nevidence = [{ marker = \"#\", text = \"说明\", materials = [\"hologram\"] }]\n\n[[element]]\ncode = \"1.1.b.1\"\ntext = \"x\"\nanswer = { kind = \"ratio\", ledger_metric = \"magic_pct\" }\n",
    );
    assert!(found.any(|k| matches!(k, ProblemKind::UnknownMarker(m) if m == "#")));
    assert!(found.any(|k| matches!(k, ProblemKind::UnknownMaterial(m) if m == "hologram")));
    assert!(found.any(|k| matches!(k, ProblemKind::UnknownMetric(m) if m == "magic_pct")));
    assert!(found.any(|k| matches!(k, ProblemKind::UnknownApplicability(a) if a == "everyone")));
    assert_eq!(found.len(), 4, "{found}");
}

#[test]
fn numbering_gap() {
    refused_with(
        "\n[[item]]\ncode = \"1.1.c\"\ntext = \"跳过了 b\"\n\n[[element]]\ncode = \"1.1.c.1\"\ntext = \"x\"\nanswer = { kind = \"achievement\" }\n",
        Some(base_lines() + 2),
        |k| matches!(k, ProblemKind::Numbering { expected } if expected == "1.1.b"),
    );
}

#[test]
fn item_without_elements() {
    refused_with(
        "\n[[item]]\ncode = \"1.1.b\"\ntext = \"空\"\n",
        Some(base_lines() + 2),
        |k| matches!(k, ProblemKind::Childless { .. }),
    );
}

#[test]
fn items_beside_sub_indicators() {
    refused_with(
        "\n[[subindicator]]\ncode = \"1.1.1\"\ntitle = \"x\"\n\n[[item]]\ncode = \"1.1.1.a\"\ntext = \"x\"\n\n[[element]]\ncode = \"1.1.1.a.1\"\ntext = \"x\"\nanswer = { kind = \"achievement\" }\n",
        None,
        |k| matches!(k, ProblemKind::Mixed { indicator } if indicator == "1.1"),
    );
}

#[test]
fn evidence_ref_to_nowhere() {
    refused_with(
        "\n[[item]]\ncode = \"1.1.b\"\ntext = \"x\"\nevidence_ref = \"1.1.z\"\n\n[[element]]\ncode = \"1.1.b.1\"\ntext = \"x\"\nanswer = { kind = \"achievement\" }\n",
        None,
        |k| matches!(k, ProblemKind::BadEvidenceRef { target, .. } if target == "1.1.z"),
    );
}

#[test]
fn points_over_their_cap() {
    refused_with(
        "\n[[element]]\ncode = \"1.1.a.3\"\ntext = \"x\"\nanswer = { kind = \"points\", max = 10, per = 20 }\n",
        None,
        |k| matches!(k, ProblemKind::BadPoints),
    );
}

#[test]
fn unknown_field_and_syntax_errors_are_located() {
    let found = load_edition(&format!(
        "{HEADER}{BASE}\n[[element]]\ncode = \"1.1.a.3\"\ntexte = \"typo\"\n"
    ))
    .expect_err("unknown field");
    let first = found.iter().next().expect("one problem");
    assert!(
        matches!(&first.kind, ProblemKind::Syntax(m) if m.contains("texte")),
        "{found}"
    );
    assert!(first.line.is_some());

    let found = load_edition("[edition]\nid = \"x\"\ntitle = \"未闭合\n").expect_err("syntax");
    assert!(found.any(|k| matches!(k, ProblemKind::Syntax(_))));
}

#[test]
fn missing_header_and_bad_id() {
    let found = load_edition(BASE).expect_err("no header");
    assert!(found.any(|k| matches!(k, ProblemKind::MissingHeader)));
    let found = load_edition(&format!(
        "[edition]\nid = \"Bad Id\"\ntitle = \"x\"\n{BASE}"
    ))
    .expect_err("bad id");
    assert!(found.any(|k| matches!(k, ProblemKind::BadId(_))));
}

#[test]
fn every_problem_is_reported_at_once_in_line_order() {
    let found = problems(
        "\n[[element]]\ncode = \"1.1.a.1\"\ntext = \"dup\"\nanswer = { kind = \"achievement\" }\n\n[[element]]\ncode = \"1.1.a.3\"\ntext = \"\"\nanswer = { kind = \"tier\", levels = [\"一\"] }\n\n[[element]]\ncode = \"9.9.z.1\"\ntext = \"x\"\nanswer = { kind = \"nope\" }\n",
    );
    assert!(found.len() >= 4, "{found}");
    let lines: Vec<usize> = found.iter().filter_map(|p| p.line).collect();
    let mut sorted = lines.clone();
    sorted.sort_unstable();
    assert_eq!(lines, sorted);
    let shown = found.to_string();
    assert!(shown.contains("第 "), "{shown}");
    assert!(shown.contains("[1.1.a.1]"), "{shown}");
}

#[test]
fn taxonomy_problems() {
    let found = load_taxonomy(
        "[taxonomy]\nid = \"t\"\ntitle = \"t\"\n\n[[class]]\nname = \"A\"\nchildren = [{ name = \"B\" }, { name = \"B\" }]\n\n[[class]]\nname = \"A\"\n\n[[class]]\nname = \"C\"\nchildren = [{ name = \"D\", children = [{ name = \"E\", children = [{ name = \"F\" }] }] }]\n",
    )
    .expect_err("broken taxonomy");
    assert!(found.any(|k| matches!(k, ProblemKind::DuplicateClass(n) if n == "B")));
    assert!(found.any(|k| matches!(k, ProblemKind::DuplicateClass(n) if n == "A")));
    assert!(found.any(|k| matches!(k, ProblemKind::TooDeep)));
    let found = load_taxonomy("[[class]]\nname = \"A\"\n").expect_err("no header");
    assert!(found.any(|k| matches!(k, ProblemKind::MissingTaxonomyHeader)));
}
