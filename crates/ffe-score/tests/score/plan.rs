//! Plans to a target: the fewest steps, checked against a greedy climb and against dropping steps.

use ffe_score::{Answers, Change, Plan};
use serde_json::json;

use super::{answers, engine, no_ledger, profile};

/// Removing the last step of any one element must leave the total short of the target; otherwise a
/// shorter plan exists.
pub fn assert_no_step_can_be_dropped(a: &Answers, plan: &Plan, target: f64) {
    let e = engine();
    for (i, change) in plan.changes.iter().enumerate() {
        let steps: Vec<_> = plan
            .steps
            .iter()
            .filter(|s| s.code == change.code)
            .collect();
        let mut shorter: Vec<Change> = plan.changes.clone();
        if steps.len() >= 2 {
            let previous = &steps[steps.len() - 2].value;
            shorter[i] = e.change(&change.code, previous).expect("valid");
        } else {
            shorter.remove(i);
        }
        let total = e.what_if(a, &no_ledger(), &shorter).after.total;
        assert!(
            total + 1e-6 < target,
            "dropping a step of {} still reaches {target}: {total}",
            change.code
        );
    }
}

/// How many steps taking the most valuable gap each time needs; `None` if it stalls.
pub fn greedy_steps(a: &Answers, target: f64) -> Option<usize> {
    let e = engine();
    let mut current = a.clone();
    for count in 0..2_000 {
        let card = e.score(&current, &no_ledger());
        if card.total + 1e-6 >= target {
            return Some(count);
        }
        let gap = card.gaps.first().filter(|g| g.gain > 0.0)?;
        current
            .set(super::edition(), &gap.code, &gap.next_value())
            .expect("valid step");
    }
    None
}

#[test]
fn a_plan_is_empty_when_the_target_is_already_met() {
    let a = answers(profile("discrete", false), json!({"4.1.a.1": 90}));
    let plan = engine()
        .plan_to_target(&a, &no_ledger(), 50.0)
        .expect("plan");
    assert!(plan.steps.is_empty() && plan.changes.is_empty());
    assert_eq!((plan.before, plan.after), (90.0, 90.0));
}

#[test]
fn a_target_above_the_maximum_is_refused() {
    let a = answers(profile("discrete", false), json!({}));
    let err = engine()
        .plan_to_target(&a, &no_ledger(), 1000.5)
        .expect_err("too high");
    assert!(err.to_string().contains("超过了满分"), "{err}");
    assert!(engine().plan_to_target(&a, &no_ledger(), f64::NAN).is_err());
    let full = engine()
        .plan_to_target(&a, &no_ledger(), 1000.0)
        .expect("the maximum is reachable");
    assert!((full.after - 1000.0).abs() < 1e-9);
}

#[test]
fn the_plan_takes_the_biggest_steps_first() {
    // From nothing, the biggest single steps are 2.2.3's two elements (a mode can carry all 200
    // points of category 2; 2.2.3 is a third of it, in two items: 33.3 each) and one more scenario
    // of 4.2 (20). Three steps reach at most 86.7; four reach 106.7.
    let a = answers(profile("discrete", false), json!({}));
    let plan = engine()
        .plan_to_target(&a, &no_ledger(), 100.0)
        .expect("plan");
    assert!(plan.after >= 100.0 - 1e-6);
    assert_eq!(plan.steps.len(), 4, "{:#?}", plan.steps);
    let codes: Vec<&str> = plan.steps.iter().map(|s| s.code.as_ref()).collect();
    assert!(
        codes.contains(&"2.2.3.a.1") && codes.contains(&"2.2.3.b.1"),
        "{codes:?}"
    );
    assert_no_step_can_be_dropped(&a, &plan, 100.0);
}

#[test]
fn the_plan_beats_the_greedy_climb_where_a_tier_pays_on_its_last_level() {
    // In the alternative scheme 3.5.a.1's levels score 1, 2 and 12 of 12: its first two steps
    // bring little, the last one most. Category 3 is a mean of five indicators (8 points each),
    // 3.5 has four items (2 points each), 3.5.b three elements (2/3 point each).
    let e = super::engine_for(include_str!("data/alt-scheme.toml"));
    let p = profile("process", false);
    let mut a = super::best_answers(p);
    a.values.remove("3.5.a.1");
    a.set(super::edition(), "3.5.b.1", &json!(false))
        .expect("valid");
    let now = e.score(&a, &no_ledger()).total;
    assert!((now - (100.0 - 2.0 - 2.0 / 3.0)).abs() < 1e-9, "{now}");
    // +1.9667 needs the whole tier (3 steps, +2); greedy first takes 3.5.b.1 (+0.67) and then
    // needs the three tier steps as well.
    let target = 99.3;
    let plan = e.plan_to_target(&a, &no_ledger(), target).expect("plan");
    assert_eq!(plan.steps.len(), 3, "{:#?}", plan.steps);
    assert!(plan.steps.iter().all(|s| &*s.code == "3.5.a.1"));
    assert_eq!(
        plan.steps.last().map(|s| s.to.as_str()),
        Some("国家级绿色工厂")
    );
    assert!((plan.after - 99.333_333_333).abs() < 1e-6, "{}", plan.after);
    let mut greedy = a.clone();
    let mut count = 0;
    while e.score(&greedy, &no_ledger()).total + 1e-6 < target {
        let card = e.score(&greedy, &no_ledger());
        let gap = card.gaps.first().expect("a gap remains");
        greedy
            .set(super::edition(), &gap.code, &gap.next_value())
            .expect("valid");
        count += 1;
    }
    assert_eq!(count, 4);
}
