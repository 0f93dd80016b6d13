//! ffe-score as its users call it: schemes loaded and checked, applications scored, explained,
//! compared and planned. One test binary; modules by subject.

mod alt_scheme;
mod answers;
mod engine;
mod plan;
mod properties;
mod scheme_check;

use ffe_index::Edition;
use ffe_score::{Answers, Engine, IndustryType, LedgerValues, Profile, Scheme};
use serde_json::{Value as J, json};

pub fn edition() -> &'static Edition {
    ffe_index::shipped::edition().expect("the shipped edition loads")
}

pub fn engine() -> &'static Engine {
    ffe_score::shipped::engine().expect("the shipped scheme checks against the shipped edition")
}

pub fn engine_for(scheme_text: &str) -> Engine {
    Scheme::load(scheme_text)
        .expect("scheme loads")
        .check(edition())
        .expect("scheme checks")
}

pub fn profile(industry: &str, high_value: bool) -> Profile {
    Profile {
        industry_type: if industry == "process" {
            IndustryType::Process
        } else {
            IndustryType::Discrete
        },
        high_value_equipment: high_value,
    }
}

pub fn all_profiles() -> Vec<Profile> {
    vec![
        profile("discrete", false),
        profile("discrete", true),
        profile("process", false),
        profile("process", true),
    ]
}

/// Answers from a JSON object of code -> value, checked against the shipped edition.
pub fn answers(p: Profile, values: J) -> Answers {
    let mut a = Answers::new(p);
    if let Some(map) = values.as_object() {
        for (code, value) in map {
            a.set(edition(), code, value).expect("valid answer");
        }
    }
    a
}

/// The best answer to every element of the edition.
pub fn best_answers(p: Profile) -> Answers {
    let mut a = Answers::new(p);
    for element in edition().elements() {
        let value = best_value(element.answer().expect("element has an answer"));
        a.set(edition(), element.code.as_str(), &value)
            .expect("best value is valid");
    }
    a
}

pub fn best_value(answer: &ffe_index::Answer) -> J {
    use ffe_index::Answer::*;
    match answer {
        Achievement => json!(true),
        Tier { levels } => json!(levels.last()),
        Options { options } => json!(options),
        Quantity { .. } => json!(1.0e9),
        Ratio { .. } => json!(1000.0),
        Points { max, per: None, .. } => json!(max),
        Points {
            max,
            per: Some(per),
            ..
        } => json!(vec![*per; (*max / *per + 1) as usize]),
    }
}

pub fn no_ledger() -> LedgerValues {
    LedgerValues::new()
}

pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9 * a.abs().max(b.abs()).max(1.0)
}
