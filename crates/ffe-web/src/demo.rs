//! The demo's answers, made from the shipped index: plausible values of each element's kind, so the
//! demo applications look like real ones (ent1 half-filled, ent2 complete).

use ffe_index::{Answer, Applicability, Node, NodeBody};
use ffe_store::{DEMO_PASSWORD, DemoInput, DemoSeed, Passwords, Store, demo_accounts};
use serde_json::{Map, Value};

use crate::server::StartError;

/// A plausible answer for an element, varied by `n` so the demo is not uniform. Expert-scored
/// elements (points) are left to the experts.
fn sample(answer: &Answer, n: usize) -> Option<Value> {
    Some(match answer {
        Answer::Achievement => Value::Bool(!n.is_multiple_of(3)),
        Answer::Tier { levels } => {
            let level = levels.get(n % levels.len().max(1))?;
            Value::String(level.clone())
        }
        Answer::Options { options } => Value::Array(
            options
                .iter()
                .enumerate()
                .filter(|(i, _)| (i + n).is_multiple_of(2))
                .map(|(_, o)| Value::String(o.clone()))
                .collect(),
        ),
        Answer::Quantity { .. } => Value::from(10 + (n * 7) % 90),
        Answer::Ratio { .. } => Value::from(40.0 + ((n * 13) % 55) as f64),
        Answer::Points { .. } => return None,
    })
}

fn walk(
    node: &Node,
    applies: Option<Applicability>,
    keep: &dyn Fn(Option<Applicability>) -> bool,
    out: &mut Vec<(String, Value)>,
) {
    let applies = match &node.body {
        NodeBody::Item { applies_to, .. } => *applies_to,
        _ => applies,
    };
    if let NodeBody::Element { answer, .. } = &node.body
        && keep(applies)
        && let Some(value) = sample(answer, out.len())
    {
        out.push((node.code.to_string(), value));
    }
    for child in &node.children {
        walk(child, applies, keep, out);
    }
}

/// Answers for an enterprise of one production mode: every applicable element, or the first half.
pub fn answers(process: bool, half: bool) -> Value {
    let Ok(edition) = ffe_index::shipped::edition() else {
        return Value::Object(Map::new());
    };
    let keep = move |a: Option<Applicability>| match a {
        None => true,
        Some(Applicability::Discrete) => !process,
        Some(Applicability::Process) => process,
        Some(Applicability::HighValueEquipment) => false,
    };
    let mut all = Vec::new();
    for category in &edition.categories {
        walk(category, None, &keep, &mut all);
    }
    if half {
        all.truncate(all.len() / 2);
    }
    Value::Object(all.into_iter().collect())
}

/// Seed the demo data (once) into the store.
pub async fn seed(store: &Store) -> Result<DemoSeed, StartError> {
    let index_edition = crate::ops::batches::default_index_edition()
        .ok_or_else(|| StartError::Demo("内置指数无法加载".into()))?;
    let scheme_edition = crate::ops::batches::default_scheme_edition()
        .ok_or_else(|| StartError::Demo("内置计分方案无法加载".into()))?;
    let count = demo_accounts().len();
    // One salted hash per account; ~30 ms each, off the async threads.
    let password_hashes = tokio::task::spawn_blocking(move || {
        (0..count)
            .map(|_| Passwords.hash(DEMO_PASSWORD))
            .collect::<Result<Vec<_>, _>>()
    })
    .await
    .map_err(|e| StartError::Demo(e.to_string()))?
    .map_err(|e| StartError::Demo(e.to_string()))?;
    let input = DemoInput {
        index_edition,
        scheme_edition,
        password_hashes,
        ent1_answers: answers(false, true),
        ent2_answers: answers(true, false),
    };
    Ok(store.seed_demo(&input).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ent1_is_half_of_a_discrete_enterprise_and_ent2_answers_process_items() {
        let full_discrete = answers(false, false);
        let half = answers(false, true);
        let n = full_discrete.as_object().unwrap().len();
        assert!(n > 40, "the index has many elements: {n}");
        assert_eq!(half.as_object().unwrap().len(), n / 2);
        let process = answers(true, false);
        assert!(process.as_object().unwrap().len() > 40);
        assert_ne!(process, full_discrete);
    }
}
