//! A second scheme file changes the scores as its numbers say, with no code change.

use ffe_score::LedgerValues;
use serde_json::json;

use super::{answers, best_answers, close, engine, engine_for, profile};

const ALT: &str = include_str!("data/alt-scheme.toml");

#[test]
fn the_same_answers_score_by_the_numbers_of_each_scheme() {
    let alt = engine_for(ALT);
    assert_eq!((alt.scheme_id(), alt.scale()), ("alt-test", 100.0));
    let a = answers(
        profile("discrete", false),
        json!({
            "1.3.e.1": 85,
            "1.1.a.1": ["合作案例和合作成果"],
            "3.5.a.1": "省级绿色工厂",
            "4.1.a.1": 72,
            "4.2.a.1": [20, 20, 20, 20],
            "2.2.3.a.1": true, "2.2.3.b.1": true,
            "2.1.1.a.1": true,
        }),
    );
    let none = LedgerValues::new();
    let card = alt.score(&a, &none);
    let default = engine().score(&a, &none);

    // Category 1 = 10 → three equal indicators → 1.3 = 10/3 → five items → 2/3; 85 % reaches the
    // first of two thresholds.
    assert!(close(
        card.node("1.3.e.1").expect("e").score,
        2.0 / 3.0 / 2.0
    ));
    // Default: 20 × 2/3 (second of three thresholds).
    assert!(close(
        default.node("1.3.e.1").expect("e").score,
        20.0 * 2.0 / 3.0
    ));

    // Options capped at one: one option is full marks (1.1 = 10/3 → four items → 5/6).
    assert!(close(
        card.node("1.1.a.1").expect("a").score,
        10.0 / 3.0 / 4.0
    ));
    assert!(close(default.node("1.1.a.1").expect("a").score, 12.5 / 2.0));

    // Category 3 is a mean: 3.5 gets 40/5 = 8 whatever its weight → four items → 2; level 2 of
    // 1, 2, 12.
    assert!(close(card.node("3.5").expect("3.5").max, 8.0));
    assert!(close(
        card.node("3.5.a.1").expect("a").score,
        2.0 * 2.0 / 12.0
    ));

    // Section 4: 20 points, 4.1 and 4.2 10 each; four scenarios under the "zero" rule score nothing.
    assert!(close(card.node("4.1").expect("4.1").score, 7.2));
    assert_eq!(card.node("4.2").expect("4.2").score, 0.0);
    assert_eq!(default.node("4.2").expect("4.2").score, 80.0);

    // Best of two modes: each worth 15; 2.2 = 1/3 of its sub-indicators → 5; 2.1 counts too.
    let m22 = card.node("2.2").expect("2.2");
    let m21 = card.node("2.1").expect("2.1");
    assert!(close(m22.max, 15.0) && close(m22.score, 5.0));
    assert!(m21.counted && m22.counted && !card.node("2.3").expect("2.3").counted);
    assert!(close(
        card.node("2").expect("2").score,
        m21.score + m22.score
    ));
}

#[test]
fn the_alternative_scheme_keeps_the_guarantees() {
    let alt = engine_for(ALT);
    for p in super::all_profiles() {
        let best = alt.score(&best_answers(p), &LedgerValues::new());
        assert_eq!(best.total, 100.0);
        let none = alt.score(&ffe_score::Answers::new(p), &LedgerValues::new());
        assert_eq!(none.total, 0.0);
    }
}

#[test]
fn an_edited_weight_moves_points_between_siblings() {
    // The default scheme with 3.5 weighted 6 instead of 1: 3.5 takes 6/15 of 400.
    let edited = ffe_score::shipped::SCHEME
        .replace("code = \"3.5\"\nweight = 1", "code = \"3.5\"\nweight = 6");
    assert_ne!(edited, ffe_score::shipped::SCHEME);
    let e = engine_for(&edited);
    let card = e.score(
        &ffe_score::Answers::new(profile("discrete", false)),
        &LedgerValues::new(),
    );
    assert!(close(
        card.node("3.5").expect("3.5").max,
        400.0 * 6.0 / 15.0
    ));
    assert!(close(
        card.node("3.2").expect("3.2").max,
        400.0 * 3.0 / 15.0
    ));
}
