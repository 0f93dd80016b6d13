//! The scheme validator: every problem found at once, each with its line and code.

use ffe_score::{Scheme, SchemeProblemKind as K, SchemeProblems};

use super::edition;

const HEADER: &str = r#"
[scheme]
id = "test-scheme"
title = "测试方案"
edition = "zj-ff-trial"
scale = 1000

[defaults]
weight = 1
aggregate = "weighted"
tier = "linear"
option_points = 1
option_cap = "all"
points_step = 10
under_min_count = "keep"
"#;

const CATEGORIES: &str = r#"
[[node]]
code = "1"
points = 250
[[node]]
code = "2"
points = 250
[[node]]
code = "3"
points = 250
[[node]]
code = "4"
points = 250
"#;

/// The thresholds every quantity and ratio element needs.
const THRESHOLDS: &str = r#"
[[rule]]
code = "1.1.b.1"
thresholds = [{ at = 10, points = 1 }]
[[rule]]
code = "1.1.d.1"
thresholds = [{ at = 10, points = 1 }]
[[rule]]
code = "1.2.d.2"
thresholds = [{ at = 100, points = 1 }]
[[rule]]
code = "1.3.e.1"
thresholds = [{ at = 60, points = 1 }]
[[rule]]
code = "2.1.1.d.3"
thresholds = [{ at = 50, points = 1 }]
[[rule]]
code = "2.1.1.d.4"
thresholds = [{ at = 50, points = 1 }]
[[rule]]
code = "3.3.1.c.1"
thresholds = [{ at = 50, points = 1 }]
[[rule]]
code = "3.3.1.c.2"
thresholds = [{ at = 50, points = 1 }]
[[rule]]
code = "3.3.1.c.3"
thresholds = [{ at = 50, points = 1 }]
"#;

fn problems(text: &str) -> SchemeProblems {
    match Scheme::load(text) {
        Err(p) => p,
        Ok(scheme) => scheme
            .check(edition())
            .map(|_| ())
            .expect_err("the scheme should have problems"),
    }
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .expect("needle in text")
}

#[test]
fn a_minimal_scheme_with_defaults_and_thresholds_checks() {
    let text = format!("{HEADER}{CATEGORIES}{THRESHOLDS}");
    let engine = Scheme::load(&text)
        .expect("loads")
        .check(edition())
        .expect("checks");
    assert_eq!(engine.scheme_id(), "test-scheme");
    assert_eq!(engine.edition_id(), "zj-ff-trial");
    assert_eq!(engine.element_codes().count(), 217);
}

#[test]
fn the_shipped_scheme_checks_and_targets_the_shipped_edition() {
    let scheme = ffe_score::shipped::scheme().expect("shipped scheme loads");
    assert_eq!(scheme.meta.edition, edition().meta.id);
    assert_eq!(scheme.meta.scale, 1000.0);
    scheme.check(edition()).expect("shipped scheme checks");
}

#[test]
fn syntax_errors_carry_their_line() {
    let text = format!("{HEADER}\n[[node]]\ncode = \"1\"\npoints = = 3\n");
    let p = problems(&text);
    assert_eq!(p.len(), 1);
    let first = p.iter().next().expect("one problem");
    assert!(matches!(first.kind, K::Syntax(_)));
    assert_eq!(first.line, Some(line_of(&text, "points = = 3")));
}

#[test]
fn unknown_fields_are_refused() {
    let text = format!("{HEADER}{CATEGORIES}\n[[node]]\ncode = \"1.1\"\nweigth = 2\n");
    let p = problems(&text);
    assert!(
        p.any(|k| matches!(k, K::Syntax(m) if m.contains("weigth"))),
        "{p}"
    );
}

#[test]
fn every_problem_against_the_edition_is_reported_with_its_line() {
    let body = r#"
[[node]]
code = "1.9"
weight = 2
[[node]]
code = "2.1"
weight = 3
[[node]]
code = "3.1"
points = 10
[[node]]
code = "3.1.1.a.1"
aggregate = "mean"
[[node]]
code = "3.5"
aggregate = "best_of"
k = 9
[[rule]]
code = "3.5.a.1"
levels = [1, 2]
[[rule]]
code = "1.1.a.1"
options = { "合作案例和合作成果" = 1, "不存在的选项" = 1 }
[[rule]]
code = "3.2.1.a.1"
thresholds = [{ at = 1, points = 1 }]
[[rule]]
code = "3.2"
levels = [1]
[[rule]]
code = "2.3.3.b.1"
cap = 11
[[rule]]
code = "4.1.a.1"
step = 200
"#;
    // Category 2 is best_of so that the weight on 2.1 is flagged; category 4 lacks its points.
    let categories = r#"
[[node]]
code = "1"
points = 300
[[node]]
code = "2"
points = 300
aggregate = "best_of"
k = 1
[[node]]
code = "3"
points = 300
"#;
    let thresholds_without = THRESHOLDS.replace(
        "[[rule]]\ncode = \"1.3.e.1\"\nthresholds = [{ at = 60, points = 1 }]\n",
        "",
    );
    let text = format!("{HEADER}{categories}{body}{thresholds_without}");
    let p = problems(&text);
    // A problem points at its entry's `[[node]]`/`[[rule]]` header, the line before its code.
    let at = |needle: &str| Some(line_of(&text, needle) - 1);
    let has = |line: Option<usize>, f: &dyn Fn(&K) -> bool| {
        p.iter().any(|x| x.line == line && f(&x.kind))
    };
    assert!(
        has(
            at("code = \"1.9\""),
            &|k| matches!(k, K::UnknownCode(c) if c == "1.9")
        ),
        "{p}"
    );
    assert!(
        has(
            at("code = \"2.1\""),
            &|k| matches!(k, K::WeightIgnored { parent, .. } if parent == "2")
        ),
        "{p}"
    );
    assert!(
        has(at("code = \"3.1\""), &|k| matches!(
            k,
            K::PointsBelowCategory
        )),
        "{p}"
    );
    assert!(
        has(at("code = \"3.1.1.a.1\""), &|k| matches!(
            k,
            K::AggregateOnElement
        )),
        "{p}"
    );
    assert!(
        has(at("code = \"3.5\""), &|k| matches!(
            k,
            K::KTooLarge { k: 9, children: 4 }
        )),
        "{p}"
    );
    assert!(
        has(at("code = \"3.5.a.1\""), &|k| matches!(
            k,
            K::LevelCount {
                expected: 3,
                found: 2
            }
        )),
        "{p}"
    );
    assert!(
        has(
            at("code = \"1.1.a.1\""),
            &|k| matches!(k, K::UnknownOption(o) if o == "不存在的选项")
        ),
        "{p}"
    );
    assert!(
        has(at("code = \"3.2.1.a.1\""), &|k| matches!(
            k,
            K::FieldNotForKind {
                field: "thresholds",
                ..
            }
        )),
        "{p}"
    );
    assert!(
        has(
            at("code = \"3.2\""),
            &|k| matches!(k, K::RuleNotOnElement(c) if c == "3.2")
        ),
        "{p}"
    );
    assert!(
        has(at("code = \"2.3.3.b.1\""), &|k| matches!(
            k,
            K::CapUnreachable { .. }
        )),
        "{p}"
    );
    assert!(
        has(at("code = \"4.1.a.1\""), &|k| matches!(
            k,
            K::StepTooLarge { .. }
        )),
        "{p}"
    );
    assert!(p.any(|k| matches!(k, K::MissingThresholds { .. })), "{p}");
    assert!(
        p.any(|k| matches!(k, K::MissingCategoryPoints(c) if c == "4")),
        "{p}"
    );
    assert!(
        p.any(
            |k| matches!(k, K::ScaleMismatch { sum, scale } if *sum == 900.0 && *scale == 1000.0)
        ),
        "{p}"
    );
    // Problems come in line order, those without a line last.
    let lines: Vec<usize> = p.iter().map(|x| x.line.unwrap_or(usize::MAX)).collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{lines:?}");
    // Messages are Chinese and name the line.
    let text = p.to_string();
    assert!(
        text.contains("第 ") && text.contains("指数中没有编码为 1.9 的节点"),
        "{text}"
    );
}

#[test]
fn a_scheme_for_another_edition_is_refused() {
    let text = format!("{HEADER}{CATEGORIES}{THRESHOLDS}")
        .replace("edition = \"zj-ff-trial\"", "edition = \"zj-ff-2025\"");
    let p = problems(&text);
    assert!(p.any(|k| matches!(k, K::EditionMismatch { scheme, .. } if scheme == "zj-ff-2025")));
}

#[test]
fn rules_inconsistent_in_themselves_are_caught_before_the_edition() {
    let body = r#"
[[rule]]
code = "1.3.e.1"
thresholds = [{ at = 80, points = 2 }, { at = 60, points = 1 }]
[[rule]]
code = "3.5.a.1"
levels = [3, 2, 1]
[[rule]]
code = "1.3.a.1"
levels = [0, 0]
[[node]]
code = "1.1"
weight = -1
[[node]]
code = "1.2"
aggregate = "best_of"
[[node]]
code = "1.3"
aggregate = "median"
[[node]]
code = "1.1"
weight = 2
[[node]]
code = "x.1"
"#;
    let text = format!("{HEADER}{body}").replace("id = \"test-scheme\"", "id = \"Test Scheme\"");
    let p = Scheme::load(&text).expect_err("inconsistent");
    // A problem points at its entry's `[[node]]`/`[[rule]]` header, the line before its code.
    let at = |needle: &str| Some(line_of(&text, needle) - 1);
    let has = |line: Option<usize>, f: &dyn Fn(&K) -> bool| {
        p.iter().any(|x| x.line == line && f(&x.kind))
    };
    assert!(p.any(|k| matches!(k, K::BadId(_))), "{p}");
    assert!(
        has(at("code = \"1.3.e.1\""), &|k| matches!(
            k,
            K::ThresholdsNotAscending { .. }
        )),
        "{p}"
    );
    assert!(
        has(at("code = \"1.3.e.1\""), &|k| matches!(
            k,
            K::ThresholdPointsDecrease { .. }
        )),
        "{p}"
    );
    assert!(
        has(at("code = \"3.5.a.1\""), &|k| matches!(
            k,
            K::LevelPointsDecrease { level: 2, .. }
        )),
        "{p}"
    );
    assert!(
        has(at("code = \"1.3.a.1\""), &|k| matches!(k, K::NoBestPoints)),
        "{p}"
    );
    assert!(
        has(at("code = \"1.1\""), &|k| matches!(
            k,
            K::NotPositive {
                field: "weight",
                ..
            }
        )),
        "{p}"
    );
    assert!(
        has(at("code = \"1.2\""), &|k| matches!(k, K::MissingK)),
        "{p}"
    );
    assert!(
        has(
            at("code = \"1.3\""),
            &|k| matches!(k, K::UnknownAggregate(a) if a == "median")
        ),
        "{p}"
    );
    assert!(
        p.any(|k| matches!(k, K::Duplicate { table: "node", .. })),
        "{p}"
    );
    assert!(p.any(|k| matches!(k, K::BadCode(c) if c == "x.1")), "{p}");
}
