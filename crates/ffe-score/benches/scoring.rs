//! Scoring throughput: 10,000 applications of the full index (217 elements each), plus the cost of
//! one plan and one what-if. Figures are recorded in docs/benchmarks.md ("Scoring").

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ffe_index::Answer;
use ffe_score::{Answers, IndustryType, LedgerValues, Profile};
use serde_json::{Value as J, json};

const APPLICATIONS: usize = 10_000;

/// A small deterministic generator, so that every run scores the same applications.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 16) as u32
    }
}

fn value(answer: &Answer, rng: &mut XorShift) -> Option<J> {
    let x = rng.next();
    if x.is_multiple_of(5) {
        return None;
    }
    let f = f64::from(x % 10_001) / 100.0;
    Some(match answer {
        Answer::Achievement => json!(!x.is_multiple_of(3)),
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
        Answer::Ratio { .. } => json!(f),
        Answer::Points { max, per: None, .. } => json!(f64::from(x % (max + 1))),
        Answer::Points { per: Some(per), .. } => {
            json!(
                (0..(x % 8))
                    .map(|i| f64::from((x >> i) % (per + 1)))
                    .collect::<Vec<_>>()
            )
        }
    })
}

fn applications() -> Vec<Answers> {
    let edition = ffe_index::shipped::edition().expect("shipped edition");
    let mut rng = XorShift(0x5eed_f00d_cafe_beef);
    (0..APPLICATIONS)
        .map(|i| {
            let mut a = Answers::new(Profile {
                industry_type: if i % 3 == 0 {
                    IndustryType::Process
                } else {
                    IndustryType::Discrete
                },
                high_value_equipment: i % 7 == 0,
            });
            for element in edition.elements() {
                if let Some(v) = element.answer().and_then(|ans| value(ans, &mut rng)) {
                    a.set(edition, element.code.as_str(), &v).expect("valid");
                }
            }
            a
        })
        .collect()
}

/// CPU time this thread has used, in nanoseconds.
fn thread_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

fn scoring(c: &mut Criterion) {
    let engine = ffe_score::shipped::engine().expect("shipped engine");
    let apps = applications();
    let ledger = LedgerValues::new();

    let mut group = c.benchmark_group("score");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("10000_applications_full_index", |b| {
        b.iter(|| {
            let mut sum = 0.0;
            for a in &apps {
                sum += engine.score(black_box(a), &ledger).total;
            }
            black_box(sum)
        })
    });
    group.bench_function("10000_applications_total_only", |b| {
        b.iter(|| {
            let mut sum = 0.0;
            for a in &apps {
                sum += engine.total(black_box(a), &ledger);
            }
            black_box(sum)
        })
    });
    // The same work timed by the thread's CPU clock, so that other processes on a shared machine
    // do not count (Linux only: /proc/thread-self/schedstat).
    if thread_cpu_ns().is_some() {
        group.bench_function("10000_applications_full_index_cpu_time", |b| {
            b.iter_custom(|iterations| {
                let start = thread_cpu_ns().unwrap_or(0);
                for _ in 0..iterations {
                    let mut sum = 0.0;
                    for a in &apps {
                        sum += engine.score(black_box(a), &ledger).total;
                    }
                    black_box(sum);
                }
                Duration::from_nanos(thread_cpu_ns().unwrap_or(0).saturating_sub(start))
            })
        });
        group.bench_function("10000_applications_total_only_cpu_time", |b| {
            b.iter_custom(|iterations| {
                let start = thread_cpu_ns().unwrap_or(0);
                for _ in 0..iterations {
                    let mut sum = 0.0;
                    for a in &apps {
                        sum += engine.total(black_box(a), &ledger);
                    }
                    black_box(sum);
                }
                Duration::from_nanos(thread_cpu_ns().unwrap_or(0).saturating_sub(start))
            })
        });
    }
    group.finish();

    let texts: Vec<String> = apps
        .iter()
        .take(1_000)
        .map(|a| a.to_json().to_string())
        .collect();
    let edition = ffe_index::shipped::edition().expect("shipped edition");
    c.bench_function("parse_and_score_one_application", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % texts.len();
            let a = Answers::from_json(black_box(&texts[i]), edition).expect("valid");
            black_box(engine.score(&a, &ledger).total)
        })
    });

    let sample = &apps[1];
    c.bench_function("plan_to_target_halfway_to_full", |b| {
        let now = engine.score(sample, &ledger).total;
        let target = now + (1000.0 - now) / 2.0;
        b.iter(|| {
            black_box(
                engine
                    .plan_to_target(sample, &ledger, target)
                    .expect("plan")
                    .steps
                    .len(),
            )
        })
    });
    c.bench_function("what_if_one_change", |b| {
        let change = engine.change("1.3.e.1", &json!(96)).expect("valid");
        b.iter(|| {
            black_box(
                engine
                    .what_if(sample, &ledger, std::slice::from_ref(&change))
                    .total_delta(),
            )
        })
    });
    c.bench_function("load_and_check_default_scheme", |b| {
        b.iter(|| {
            let scheme =
                ffe_score::Scheme::load(black_box(ffe_score::shipped::SCHEME)).expect("loads");
            black_box(scheme.check(edition).expect("checks").scale())
        })
    });
}

criterion_group!(benches, scoring);
criterion_main!(benches);
