//! Properties of the engine over random applications of the full index.

use ffe_index::Answer;
use ffe_score::{Answers, Profile};
use proptest::prelude::*;
use serde_json::{Value as J, json};

use super::{all_profiles, best_answers, close, edition, engine, no_ledger};

/// One random answer per element (or none), derived from two random words.
fn random_value(answer: &Answer, pick: u32, x: u32) -> Option<J> {
    if pick.is_multiple_of(4) {
        return None;
    }
    let f = f64::from(x % 10_001) / 100.0; // 0 … 100
    Some(match answer {
        Answer::Achievement => json!(x.is_multiple_of(2)),
        Answer::Tier { levels } => json!(levels[(x as usize) % levels.len()]),
        Answer::Options { options } => json!(
            options
                .iter()
                .enumerate()
                .filter(|(i, _)| x & (1 << i) != 0)
                .map(|(_, o)| o.clone())
                .collect::<Vec<_>>()
        ),
        Answer::Quantity { unit, .. } => json!(if unit == "万元" { f * 100.0 } else { f }),
        Answer::Ratio { .. } if pick.is_multiple_of(3) => {
            json!({"numerator": f64::from(x % 97), "denominator": f64::from(x % 89 + 1)})
        }
        Answer::Ratio { .. } => json!(f * 1.2),
        Answer::Points { max, per: None, .. } => json!(f64::from(x % (max + 1))),
        Answer::Points { per: Some(per), .. } => json!(
            (0..(x % 8))
                .map(|i| f64::from((x >> i) % (per + 1)))
                .collect::<Vec<_>>()
        ),
    })
}

fn build(profile: Profile, seeds: &[(u32, u32)]) -> Answers {
    let mut a = Answers::new(profile);
    for (element, (pick, x)) in edition().elements().zip(seeds) {
        if let Some(v) = random_value(element.answer().expect("answer"), *pick, *x) {
            a.set(edition(), element.code.as_str(), &v)
                .expect("random value is valid");
        }
    }
    a
}

fn profiles() -> impl Strategy<Value = Profile> {
    (0usize..4).prop_map(|i| all_profiles()[i])
}

fn seeds() -> impl Strategy<Value = Vec<(u32, u32)>> {
    prop::collection::vec((any::<u32>(), any::<u32>()), 217)
}

/// A strictly better answer for one element, if there is one.
fn improve(answer: &Answer, current: Option<&J>, x: u32) -> Option<J> {
    Some(match (answer, current) {
        (Answer::Achievement, Some(J::Bool(true))) => return None,
        (Answer::Achievement, _) => json!(true),
        (Answer::Tier { levels }, Some(J::String(l))) => {
            let i = levels.iter().position(|x| x == l)?;
            if i + 1 >= levels.len() {
                return None;
            }
            json!(levels[i + 1 + (x as usize) % (levels.len() - i - 1)])
        }
        (Answer::Tier { levels }, _) => json!(levels[(x as usize) % levels.len()]),
        (Answer::Options { options }, current) => {
            let mut held: Vec<String> = current
                .and_then(J::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            let missing: Vec<&String> = options.iter().filter(|o| !held.contains(o)).collect();
            if missing.is_empty() {
                return None;
            }
            held.push(missing[(x as usize) % missing.len()].clone());
            json!(held)
        }
        (Answer::Quantity { .. } | Answer::Ratio { .. }, Some(J::Number(n))) => {
            json!(n.as_f64()? + f64::from(x % 50) + 0.5)
        }
        (Answer::Quantity { .. } | Answer::Ratio { .. }, Some(J::Object(o))) => {
            let n = o.get("numerator")?.as_f64()?;
            let d = o.get("denominator")?.as_f64()?;
            json!({"numerator": n + f64::from(x % 5 + 1), "denominator": d})
        }
        (Answer::Quantity { .. } | Answer::Ratio { .. }, _) => json!(f64::from(x % 100)),
        (Answer::Points { max, per: None, .. }, current) => {
            let now = current.and_then(J::as_f64).unwrap_or(0.0);
            if now >= f64::from(*max) {
                return None;
            }
            json!((now + f64::from(x % 30 + 1)).min(f64::from(*max)))
        }
        (Answer::Points { per: Some(per), .. }, current) => {
            let mut list: Vec<f64> = current
                .and_then(J::as_array)
                .map(|a| a.iter().filter_map(J::as_f64).collect())
                .unwrap_or_default();
            match list.iter().position(|p| *p < f64::from(*per)) {
                Some(i) if x.is_multiple_of(2) => list[i] = f64::from(*per),
                _ => list.push(f64::from(x % (per + 1))),
            }
            json!(list)
        }
    })
}

#[test]
fn everything_at_its_best_scores_exactly_the_maximum() {
    for p in all_profiles() {
        let card = engine().score(&best_answers(p), &no_ledger());
        assert_eq!(card.total, 1000.0, "{p:?}");
        assert_eq!(card.total, card.max);
        for n in card.nodes.iter().filter(|n| n.applicable) {
            assert_eq!(n.score, n.max, "{} for {p:?}", n.code);
        }
    }
}

#[test]
fn no_answers_scores_zero() {
    for p in all_profiles() {
        let card = engine().score(&Answers::new(p), &no_ledger());
        assert_eq!(card.total, 0.0);
        assert!(card.nodes.iter().all(|n| n.score == 0.0));
        assert_eq!(
            card.max, 1000.0,
            "the maximum does not depend on the profile"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn improving_any_single_answer_never_lowers_any_node(
        p in profiles(), s in seeds(), which in 0usize..217, x in any::<u32>()
    ) {
        let a = build(p, &s);
        let element = edition().elements().nth(which).expect("element");
        let code = element.code.as_str();
        let current = a.values.get(code).map(ffe_score::Value::to_json);
        let Some(better) = improve(element.answer().expect("answer"), current.as_ref(), x) else {
            return Ok(());
        };
        let mut b = a.clone();
        b.set(edition(), code, &better).expect("improved value is valid");
        let before = engine().score(&a, &no_ledger());
        let after = engine().score(&b, &no_ledger());
        for (x, y) in before.nodes.iter().zip(&after.nodes) {
            prop_assert!(y.score + 1e-9 >= x.score, "{} fell from {} to {} when {code} improved", x.code, x.score, y.score);
        }
        prop_assert!(after.total + 1e-9 >= before.total);
    }

    #[test]
    fn answers_to_items_that_do_not_apply_neither_help_nor_hurt(p in profiles(), s in seeds()) {
        let a = build(p, &s);
        let card = engine().score(&a, &no_ledger());
        let mut best_there = a.clone();
        let mut none_there = a.clone();
        for n in card.nodes.iter().filter(|n| !n.applicable && n.element.is_some()) {
            let answer = edition().get(&n.code).and_then(|e| e.answer()).expect("answer");
            best_there.set(edition(), &n.code, &super::best_value(answer)).expect("valid");
            none_there.values.remove(&*n.code);
        }
        prop_assert_eq!(engine().score(&best_there, &no_ledger()).total, card.total);
        prop_assert_eq!(engine().score(&none_there, &no_ledger()).total, card.total);
    }

    #[test]
    fn dropped_items_leave_the_percentage_of_their_parent_to_the_rest(p in profiles(), s in seeds()) {
        // A node's maximum is shared among its applicable children only, and its score is theirs:
        // an item that does not apply neither lowers the maximum nor dilutes the percentage.
        let card = engine().score(&build(p, &s), &no_ledger());
        prop_assert_eq!(card.max, 1000.0);
        let categories: f64 = card.nodes.iter().filter(|n| !n.code.contains('.')).map(|n| n.max).sum();
        prop_assert!(close(categories, 1000.0));
        for n in card.nodes.iter().filter(|n| n.applicable && n.element.is_none() && &*n.code != "2") {
            let prefix = format!("{}.", n.code);
            let children: Vec<_> = card.nodes.iter()
                .filter(|c| c.applicable && c.code.starts_with(&prefix) && !c.code[prefix.len()..].contains('.'))
                .collect();
            let max: f64 = children.iter().map(|c| c.max).sum();
            let score: f64 = children.iter().map(|c| c.score).sum();
            prop_assert!(close(max, n.max), "{}: children's maxima {} vs {}", n.code, max, n.max);
            prop_assert!(close(score, n.score), "{}: children's scores {} vs {}", n.code, score, n.score);
        }
    }

    #[test]
    fn applicable_elements_at_their_best_score_full_marks_whatever_does_not_apply(p in profiles(), s in seeds()) {
        let mut a = build(p, &s);
        let card = engine().score(&a, &no_ledger());
        for n in card.nodes.iter().filter(|n| n.applicable && n.element.is_some()) {
            let answer = edition().get(&n.code).and_then(|e| e.answer()).expect("answer");
            a.set(edition(), &n.code, &super::best_value(answer)).expect("valid");
        }
        prop_assert_eq!(engine().score(&a, &no_ledger()).total, 1000.0);
    }

    #[test]
    fn the_result_does_not_depend_on_the_order_of_answers(p in profiles(), s in seeds(), shuffle in any::<u64>()) {
        let a = build(p, &s);
        let mut entries: Vec<(String, J)> = a.values.iter().map(|(k, v)| (k.clone(), v.to_json())).collect();
        // A deterministic shuffle from the seed.
        let mut state = shuffle | 1;
        for i in (1..entries.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            entries.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let body: Vec<String> = entries.iter().map(|(k, v)| format!("{}: {v}", J::String(k.clone()))).collect();
        let text = format!("{{\"answers\": {{{}}}, \"profile\": {}}}", body.join(", "), p.to_json());
        let shuffled = Answers::from_json(&text, edition()).expect("valid");
        let one = engine().score(&a, &no_ledger());
        let two = engine().score(&shuffled, &no_ledger());
        prop_assert_eq!(engine().total(&a, &no_ledger()), one.total);
        prop_assert_eq!(one.to_json(), two.to_json());
        // What-if changes to distinct elements likewise.
        let changes: Vec<_> = entries.iter().take(6)
            .map(|(k, _)| engine().change(k, &J::Null).expect("valid"))
            .collect();
        let mut reversed = changes.clone();
        reversed.reverse();
        prop_assert_eq!(
            engine().what_if(&a, &no_ledger(), &changes).after.total,
            engine().what_if(&a, &no_ledger(), &reversed).after.total
        );
    }

    #[test]
    fn plans_reach_the_target_and_cannot_be_shortened(p in profiles(), s in seeds(), t in 0.0f64..1.0) {
        let a = build(p, &s);
        let e = engine();
        let now = e.score(&a, &no_ledger()).total;
        let target = now + (1000.0 - now) * t * 0.5;
        let plan = e.plan_to_target(&a, &no_ledger(), target).expect("reachable");
        prop_assert!(plan.after + 1e-6 >= target, "plan reaches {} < {}", plan.after, target);
        super::plan::assert_no_step_can_be_dropped(&a, &plan, target);
        if let Some(greedy) = super::plan::greedy_steps(&a, target) {
            prop_assert!(plan.steps.len() <= greedy, "plan {} steps, greedy {}", plan.steps.len(), greedy);
        }
    }
}
