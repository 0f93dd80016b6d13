//! Scoring with the default scheme, checked against numbers worked out by hand from
//! data/scheme/zj-ff-trial-default.toml.

use ffe_index::LedgerMetric;
use ffe_score::{LedgerValues, Source};
use serde_json::json;

use super::{answers, close, engine, no_ledger, profile};

#[test]
fn a_ratio_scores_the_highest_threshold_reached_and_explains_itself() {
    // 1 关键技术 200 → 1.3 weight 2 of 4 → 100 → 5 items → 1.3.e 20 → its one element 20.
    let a = answers(profile("discrete", false), json!({"1.3.e.1": 87.5}));
    let card = engine().score(&a, &no_ledger());
    let n = card.node("1.3.e.1").expect("element");
    assert!(close(n.max, 20.0));
    assert!(close(n.score, 20.0 * 2.0 / 3.0), "{}", n.score);
    let e = n.element.as_ref().expect("element detail");
    assert_eq!(e.source, Source::Answer);
    assert_eq!(e.input_zh(), "87.5%");
    assert!(
        e.rule_zh()
            .contains("≥60% 得 1 分、≥80% 得 2 分、≥95% 得 3 分"),
        "{}",
        e.rule_zh()
    );
    assert!(
        e.explanation().contains("得分：13.33 / 20"),
        "{}",
        e.explanation()
    );
    assert!(close(
        card.node("1.3").expect("1.3").score,
        20.0 * 2.0 / 3.0
    ));
    assert!(close(card.total, 20.0 * 2.0 / 3.0));
    assert_eq!(card.max, 1000.0);
}

#[test]
fn a_ratio_may_be_given_as_numerator_and_denominator() {
    let a = answers(
        profile("discrete", false),
        json!({"1.3.e.1": {"numerator": 412, "denominator": 498}}),
    );
    let n = engine()
        .score(&a, &no_ledger())
        .node("1.3.e.1")
        .cloned()
        .expect("element");
    assert_eq!(n.element.expect("detail").input_zh(), "82.73%");
    assert!(close(n.score, 20.0 * 2.0 / 3.0));
}

#[test]
fn a_ledger_value_replaces_the_typed_one_and_says_so() {
    let a = answers(
        profile("discrete", false),
        json!({"1.3.e.1": 87.5, "1.1.d.1": 500}),
    );
    let mut ledger = LedgerValues::new();
    ledger.insert(LedgerMetric::NetworkingRatePct, 96.0);
    ledger.insert(LedgerMetric::TotalInvestmentWan, 3200.0);
    let card = engine().score(&a, &ledger);
    let n = card.node("1.3.e.1").expect("element");
    assert!(close(n.score, 20.0), "{}", n.score);
    let e = n.element.as_ref().expect("detail");
    assert!(
        matches!(e.source, Source::Ledger { metric: LedgerMetric::NetworkingRatePct, value, .. } if value == 96.0)
    );
    assert!(
        e.explanation().contains("取自设备台账：装备联网率"),
        "{}",
        e.explanation()
    );
    assert!(
        e.explanation().contains("填报值 87.5% 未采用"),
        "{}",
        e.explanation()
    );
    // 1.1 → 50 → 4 items → 1.1.d 12.5; 3200 万元 reaches the second of three steps.
    let inv = card.node("1.1.d.1").expect("element");
    assert!(close(inv.score, 12.5 * 2.0 / 3.0), "{}", inv.score);
    let json = card.to_json();
    assert_eq!(json["elements"]["1.3.e.1"]["source"], "ledger");
    assert_eq!(
        json["elements"]["1.3.e.1"]["ledger"]["metric"],
        "networking_rate_pct"
    );
    // A metric no element uses changes nothing.
    let mut other = LedgerValues::new();
    other.insert(LedgerMetric::DataCollectionSharePct, 50.0);
    assert_eq!(
        engine().score(&a, &other).total,
        engine().score(&a, &no_ledger()).total
    );
}

#[test]
fn section_4_scores_exactly_as_the_seed_says() {
    let e = engine();
    let p = profile("discrete", false);
    let card = e.score(
        &answers(p, json!({"4.1.a.1": 72, "4.2.a.1": [20, 18, 15, 12]})),
        &no_ledger(),
    );
    let s41 = card.node("4.1").expect("4.1");
    let s42 = card.node("4.2").expect("4.2");
    assert_eq!((s41.score, s41.max), (72.0, 100.0));
    assert_eq!((s42.score, s42.max), (65.0, 100.0));
    assert_eq!(card.node("4").expect("4").score, 137.0);
    assert_eq!(card.total, 137.0);
    assert!(
        card.warnings
            .iter()
            .any(|w| w.contains("4.2.a.1") && w.contains("不少于 5 项"))
    );
    // Seven scenarios at full marks: 140 capped at 100.
    let full = e.score(
        &answers(
            p,
            json!({"4.2.a.1": [20, 20, 20, 20, 20, 20, 20], "4.1.a.1": 100}),
        ),
        &no_ledger(),
    );
    assert_eq!(full.node("4").expect("4").score, 200.0);
    assert!(full.warnings.is_empty(), "{:?}", full.warnings);
    // Five scenarios of 20, 20, 20, 20, 19.5: 99.5.
    let some = e.score(
        &answers(p, json!({"4.2.a.1": [20, 20, 20, 20, 19.5]})),
        &no_ledger(),
    );
    assert_eq!(some.node("4.2").expect("4.2").score, 99.5);
}

#[test]
fn an_item_that_does_not_apply_drops_out_and_its_siblings_share_its_points() {
    // 3 能力建设 400 → 3.1 weight 2 of 10 → 80 → 3 sub-indicators → 3.1.3 80/3.
    let sub = 80.0 / 3.0;
    let values = json!({"3.1.3.b.1": true, "3.1.3.b.2": true, "3.1.3.b.3": true});
    let process = engine().score(
        &answers(profile("process", false), values.clone()),
        &no_ledger(),
    );
    let discrete = engine().score(&answers(profile("discrete", false), values), &no_ledger());
    let a = process.node("3.1.3.a").expect("item");
    assert!(!a.applicable && a.max == 0.0 && a.score == 0.0);
    let b = process.node("3.1.3.b").expect("item");
    assert!(
        close(b.max, sub) && close(b.score, sub),
        "{} {}",
        b.max,
        b.score
    );
    assert!(close(process.node("3.1.3").expect("sub").score, sub));
    // For a discrete maker the same item applies and is empty: half the sub-indicator.
    assert!(close(discrete.node("3.1.3").expect("sub").score, sub / 2.0));
    let detail = process
        .node("3.1.3.a.1")
        .and_then(|n| n.element.clone())
        .expect("detail");
    assert!(
        detail
            .explanation()
            .contains("不适用（仅适用于离散型行业）"),
        "{}",
        detail.explanation()
    );
    // 2.3.1.c is for makers of high-value equipment only.
    assert!(!discrete.node("2.3.1.c").expect("item").applicable);
    let hv = engine().score(&answers(profile("discrete", true), json!({})), &no_ledger());
    assert!(hv.node("2.3.1.c").expect("item").applicable);
}

#[test]
fn only_the_best_mode_of_innovation_counts() {
    let a = answers(
        profile("discrete", false),
        json!({"2.2.2.a.1": true, "2.2.2.b.1": true, "2.1.1.a.1": true}),
    );
    let card = engine().score(&a, &no_ledger());
    let (m21, m22, m23) = (
        card.node("2.1").expect("2.1"),
        card.node("2.2").expect("2.2"),
        card.node("2.3").expect("2.3"),
    );
    // best-of-1: each mode can carry the whole category.
    assert_eq!((m21.max, m22.max, m23.max), (200.0, 200.0, 200.0));
    assert!(m22.counted && !m21.counted && !m23.counted);
    // 2.2 → 3 sub-indicators → 2.2.2 200/3 → 4 items, two full: 200/6.
    assert!(close(m22.score, 200.0 / 6.0), "{}", m22.score);
    assert!(close(card.node("2").expect("2").score, m22.score));
    assert!(close(card.total, m22.score));
    assert!(!card.node("2.1.1.a.1").expect("element").counted);
}

#[test]
fn the_json_output_keeps_its_documented_fields() {
    let a = answers(
        profile("process", false),
        json!({"1.1.b.2": true, "3.5.a.1": "省级绿色工厂"}),
    );
    let json = engine().score(&a, &no_ledger()).to_json();
    for key in [
        "scheme", "edition", "profile", "total", "max", "percent", "nodes", "elements", "gaps",
        "warnings",
    ] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
    assert_eq!(json["scheme"], "zj-ff-trial-default");
    assert_eq!(json["max"], 1000.0);
    for key in ["score", "max", "level", "label", "applicable", "counted"] {
        assert!(
            json["nodes"]["3.5"].get(key).is_some(),
            "nodes.3.5 lacks {key}"
        );
    }
    let e = &json["elements"]["3.5.a.1"];
    for key in [
        "kind",
        "rule",
        "input",
        "source",
        "points",
        "max",
        "fraction",
        "applicable",
        "at_best",
        "explanation",
    ] {
        assert!(e.get(key).is_some(), "element lacks {key}");
    }
    assert_eq!(e["input"], "省级绿色工厂");
    // 3.5 → 40 → 4 items → 10; second of three levels.
    assert_eq!(e["points"], 6.67);
    let gap = &json["gaps"][0];
    for key in [
        "code",
        "label",
        "current",
        "next",
        "next_value",
        "points",
        "max",
        "element_gain",
        "gain",
        "from_ledger",
    ] {
        assert!(gap.get(key).is_some(), "gap lacks {key}");
    }
}

#[test]
fn gaps_are_sorted_by_gain_and_each_gain_is_what_the_step_really_brings() {
    let a = answers(
        profile("discrete", true),
        json!({"1.3.e.1": 72, "3.5.a.1": "地市级绿色工厂", "2.3.1.a.1": true, "4.2.a.1": [20, 15],
               "1.1.a.1": ["合作案例和合作成果"], "2.3.3.b.1": ["土壤", "水质"]}),
    );
    let e = engine();
    let card = e.score(&a, &no_ledger());
    assert!(!card.gaps.is_empty());
    for w in card.gaps.windows(2) {
        assert!(
            w[0].gain + 1e-6 >= w[1].gain,
            "{} before {}",
            w[0].code,
            w[1].code
        );
    }
    for gap in &card.gaps {
        let change = e
            .change(&gap.code, &gap.next_value())
            .expect("next value is a valid answer");
        let w = e.what_if(&a, &no_ledger(), &[change]);
        assert!(
            close(w.total_delta(), gap.gain),
            "{}: {} vs {}",
            gap.code,
            w.total_delta(),
            gap.gain
        );
        let element = w
            .deltas
            .iter()
            .find(|d| d.code == gap.code)
            .map_or(0.0, |d| d.delta);
        assert!(close(element, gap.element_gain), "{}", gap.code);
    }
    let net = card
        .gaps
        .iter()
        .find(|g| &*g.code == "1.3.e.1")
        .expect("networking gap");
    assert_eq!(
        (net.current_zh().as_str(), net.next_zh().as_str()),
        ("72%", "80%")
    );
    // A mode that does not count gains nothing for the total until it overtakes the best.
    let unchosen = card
        .gaps
        .iter()
        .find(|g| &*g.code == "2.1.1.a.1")
        .expect("gap");
    assert!(unchosen.element_gain > 0.0 && unchosen.gain == 0.0);
    // Elements at their best and elements that do not apply are not gaps.
    assert!(card.gaps.iter().all(|g| !g.code.starts_with("2.3.4.b")));
    let best = e.score(
        &super::best_answers(profile("process", false)),
        &no_ledger(),
    );
    assert!(best.gaps.is_empty());
}

#[test]
fn what_if_reports_the_new_total_and_every_node_that_moves() {
    let a = answers(profile("discrete", false), json!({"1.3.e.1": 72}));
    let e = engine();
    let change = e.change("1.3.e.1", &json!(95)).expect("valid");
    let w = e.what_if(&a, &no_ledger(), &[change]);
    assert!(close(w.total_delta(), 20.0 * 2.0 / 3.0));
    let moved: Vec<&str> = w.deltas.iter().map(|d| d.code.as_ref()).collect();
    assert_eq!(moved, vec!["1", "1.3", "1.3.e", "1.3.e.1"]);
    assert!(
        w.after
            .node("1.3.e.1")
            .and_then(|n| n.element.clone())
            .is_some_and(|d| d.source == Source::Hypothetical)
    );
    // Changes override the ledger, and null clears an answer.
    let mut ledger = LedgerValues::new();
    ledger.insert(LedgerMetric::NetworkingRatePct, 50.0);
    let w = e.what_if(
        &a,
        &ledger,
        &[e.change("1.3.e.1", &json!(80)).expect("valid")],
    );
    assert!(close(w.total_delta(), 20.0 * 2.0 / 3.0));
    let cleared = e.what_if(
        &a,
        &no_ledger(),
        &[e.change("1.3.e.1", &serde_json::Value::Null)
            .expect("valid")],
    );
    assert!(close(cleared.after.total, 0.0));
    // An ill-typed change names the code and what was expected.
    let err = e
        .change("3.5.a.1", &json!("市级"))
        .expect_err("not a level");
    assert!(
        err.to_string().contains("3.5.a.1") && err.to_string().contains("省级绿色工厂"),
        "{err}"
    );
}

#[test]
fn the_examples_score_as_their_enterprises_would_expect() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/");
    for (file, industry) in [
        ("discrete-machine-tools.answers.json", "discrete"),
        ("process-chemical-fibre.answers.json", "process"),
    ] {
        let text = std::fs::read_to_string(format!("{root}{file}")).expect("example exists");
        let a = ffe_score::Answers::from_json(&text, super::edition()).expect("example is valid");
        assert_eq!(a.profile.industry_type.as_str(), industry);
        let card = engine().score(&a, &no_ledger());
        // Realistic and partial: well above nothing, well below everything.
        assert!(
            card.percent() > 40.0 && card.percent() < 90.0,
            "{file}: {}",
            card.percent()
        );
        assert!(!card.gaps.is_empty());
        // Every applicable node's points add up to its parent's, except under best-of.
        for n in &card.nodes {
            let children: Vec<_> = card
                .nodes
                .iter()
                .filter(|c| {
                    c.code.rsplit_once('.').map(|(p, _)| p) == Some(n.code.as_ref()) && c.applicable
                })
                .collect();
            if children.is_empty() || &*n.code == "2" {
                continue;
            }
            let sum: f64 = children.iter().map(|c| c.score).sum();
            let max: f64 = children.iter().map(|c| c.max).sum();
            assert!(
                close(sum, n.score) && close(max, n.max),
                "{file} {}: {sum} vs {}",
                n.code,
                n.score
            );
        }
    }
}

#[test]
fn engines_and_scorecards_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<ffe_score::Engine>();
    shareable::<ffe_score::Scorecard>();
    shareable::<ffe_score::Plan>();
    shareable::<ffe_score::WhatIf>();
}
