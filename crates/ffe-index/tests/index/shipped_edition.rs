//! The shipped edition, checked against a table written from our own reading of the seed document.

use ffe_index::{Answer, Applicability, LedgerMetric, Level, Marker, NodeBody, shipped};

fn edition() -> &'static ffe_index::Edition {
    shipped::edition().expect("the shipped edition is valid")
}

#[test]
fn has_every_level_in_the_expected_numbers() {
    let e = edition();
    let count = |level| e.nodes().filter(|n| n.level() == level).count();
    assert_eq!(count(Level::Category), 4);
    assert_eq!(count(Level::Indicator), 13);
    assert_eq!(count(Level::Subindicator), 25);
    assert_eq!(count(Level::Item), 101);
}

/// Items under each indicator or sub-indicator, counted in the seed (a), b), c) …).
const ITEMS: &[(&str, usize)] = &[
    ("1.1", 4),
    ("1.2", 4),
    ("1.3", 5),
    ("2.1.1", 5),
    ("2.1.2", 4),
    ("2.1.3", 2),
    ("2.2.1", 2),
    ("2.2.2", 4),
    ("2.2.3", 2),
    ("2.3.1", 3),
    ("2.3.2", 3),
    ("2.3.3", 3),
    ("2.3.4", 3),
    ("3.1.1", 4),
    ("3.1.2", 3),
    ("3.1.3", 2),
    ("3.2.1", 4),
    ("3.2.2", 4),
    ("3.2.3", 6),
    ("3.2.4", 5),
    ("3.2.5", 4),
    ("3.3.1", 4),
    ("3.3.2", 2),
    ("3.3.3", 2),
    ("3.4.1", 3),
    ("3.4.2", 3),
    ("3.4.3", 2),
    ("3.4.4", 3),
    ("3.5", 4),
    ("4.1", 1),
    ("4.2", 1),
];

#[test]
fn items_per_indicator_match_the_seed() {
    let e = edition();
    for (code, items) in ITEMS {
        let node = e.get(code).unwrap_or_else(|| panic!("{code} missing"));
        let found = node
            .children
            .iter()
            .filter(|c| c.level() == Level::Item)
            .count();
        assert_eq!(found, *items, "items under {code}");
    }
    let listed: usize = ITEMS.iter().map(|(_, n)| n).sum();
    assert_eq!(listed, 101);
}

/// Elements (1), 2), 3) …) of chosen items.
const ELEMENTS: &[(&str, usize)] = &[
    ("1.1.b", 2),
    ("1.2.c", 4),
    ("1.3.d", 3),
    ("2.1.1.a", 4),
    ("2.1.1.d", 5),
    ("2.1.2.d", 4),
    ("2.3.4.a", 1),
    ("2.3.4.b", 3),
    ("3.1.1.a", 3),
    ("3.3.1.a", 4),
    ("3.3.1.c", 3),
    ("3.3.3.a", 5),
    ("3.5.a", 1),
    ("4.2.a", 1),
];

#[test]
fn elements_of_chosen_items_match_the_seed() {
    let e = edition();
    for (code, elements) in ELEMENTS {
        let node = e.get(code).unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(node.children.len(), *elements, "elements under {code}");
    }
}

fn answer(code: &str) -> &'static Answer {
    edition()
        .get(code)
        .and_then(|n| n.answer())
        .unwrap_or_else(|| panic!("{code} is not an element"))
}

#[test]
fn tiers_are_ordered_lowest_first() {
    let levels = |code| match answer(code) {
        Answer::Tier { levels } => levels.clone(),
        other => panic!("{code} should be a tier, is {other:?}"),
    };
    assert_eq!(
        levels("3.5.a.1"),
        ["地市级绿色工厂", "省级绿色工厂", "国家级绿色工厂"]
    );
    assert_eq!(
        levels("2.3.4.a.1"),
        ["装备级", "产线级", "车间级", "工厂级", "企业级"]
    );
    let prototype = levels("3.1.3.a.1");
    assert_eq!(prototype.len(), 3);
    assert!(prototype[0].contains("简单产品"));
    assert!(prototype[2].contains("复杂产品"));
    assert_eq!(levels("3.1.1.c.2"), ["部门内共享", "企业内共享"]);
}

#[test]
fn options_allow_any_subset() {
    let options = |code| match answer(code) {
        Answer::Options { options } => options.clone(),
        other => panic!("{code} should be options, is {other:?}"),
    };
    assert_eq!(options("1.1.a.1").len(), 2);
    assert_eq!(options("2.1.1.a.2").len(), 2);
    assert_eq!(options("2.1.1.a.4").len(), 2);
    assert_eq!(options("2.3.3.c.2").len(), 2);
    assert!(options("2.3.3.b.1").len() >= 9);
}

#[test]
fn ratios_and_quantities_name_their_ledger_metric() {
    assert!(matches!(
        answer("1.3.e.1"),
        Answer::Ratio {
            ledger_metric: Some(LedgerMetric::NetworkingRatePct),
            ..
        }
    ));
    for code in [
        "3.3.1.c.1",
        "3.3.1.c.2",
        "3.3.1.c.3",
        "2.1.1.d.3",
        "2.1.1.d.4",
        "1.2.d.2",
    ] {
        assert_eq!(answer(code).kind(), "ratio", "{code}");
    }
    assert!(matches!(
        answer("3.3.1.c.3"),
        Answer::Ratio {
            ledger_metric: Some(LedgerMetric::DomesticUnitSharePct),
            ..
        }
    ));
    assert!(matches!(answer("1.1.b.1"), Answer::Quantity { unit, .. } if unit == "人"));
    assert!(matches!(
        answer("1.1.d.1"),
        Answer::Quantity { ledger_metric: Some(LedgerMetric::TotalInvestmentWan), unit } if unit == "万元"
    ));
}

#[test]
fn section_four_gives_points_as_the_seed_says() {
    assert_eq!(
        answer("4.1.a.1"),
        &Answer::Points {
            max: 100,
            per: None,
            min_count: None
        }
    );
    assert_eq!(
        answer("4.2.a.1"),
        &Answer::Points {
            max: 100,
            per: Some(20),
            min_count: Some(5)
        }
    );
    let points = edition()
        .elements()
        .filter(|n| n.answer().is_some_and(|a| a.kind() == "points"))
        .count();
    assert_eq!(points, 2, "only section 4 gives points");
}

#[test]
fn applicability_follows_the_notes() {
    let e = edition();
    let expected = [
        ("2.3.4.a", Applicability::Discrete),
        ("3.1.3.a", Applicability::Discrete),
        ("3.2.1.c", Applicability::Discrete),
        ("3.2.2.d", Applicability::Discrete),
        ("2.3.4.b", Applicability::Process),
        ("3.2.1.d", Applicability::Process),
        ("2.3.1.c", Applicability::HighValueEquipment),
    ];
    for (code, applies) in expected {
        assert_eq!(
            e.get(code).and_then(|n| n.applies_to()),
            Some(applies),
            "{code}"
        );
    }
    assert_eq!(
        e.items().filter(|n| n.applies_to().is_some()).count(),
        expected.len()
    );
}

#[test]
fn corrections_of_the_original_are_recorded() {
    let e = edition();
    for code in ["2.3.1", "2.3.4", "3.4.1", "3.4.4", "2.2.3", "3.5"] {
        let node = e.get(code).unwrap_or_else(|| panic!("{code} missing"));
        assert!(
            !node.corrections.is_empty(),
            "{code} should say what it corrects"
        );
    }
    assert_eq!(
        e.get("2.3.1").and_then(|n| n.title()),
        Some("产品生命周期服务延伸")
    );
    assert_eq!(e.get("3.4.1").and_then(|n| n.title()), Some("精益制造"));
    assert!(
        e.get("3.5")
            .is_some_and(|n| n.children.iter().all(|c| c.level() == Level::Item))
    );
}

#[test]
fn sub_indicators_carry_their_written_statement() {
    let e = edition();
    let words = |code: &str| {
        e.get(code)
            .and_then(|n| n.evidence.iter().find_map(|ev| ev.words))
            .map(|w| (w.min, w.max))
    };
    assert_eq!(words("2.1.1"), Some((Some(1000), Some(1500))));
    assert_eq!(words("3.1.2"), Some((Some(500), Some(800))));
    assert_eq!(words("3.2.4"), Some((Some(800), Some(1000))));
    assert_eq!(words("3.5"), Some((Some(1000), Some(1500))));
    let item = e.get("2.1.1.a").expect("2.1.1.a");
    let ev = item.evidence.first().expect("2.1.1.a evidence");
    assert_eq!(ev.marker, Some(Marker::Star));
    assert_eq!(ev.words.and_then(|w| w.min), Some(300));
    let capped = e
        .get("1.3.d")
        .and_then(|n| n.evidence.first())
        .and_then(|ev| ev.words);
    assert_eq!(capped.and_then(|w| w.max), Some(500));
    assert_eq!(capped.and_then(|w| w.min), None);
}

#[test]
fn no_conversion_damage_survives() {
    let forbidden = [
        " and ",
        "<p",
        "<b",
        "</",
        "零梭车",
        "辅送机",
        "目动化",
        "高密度存储梭板",
        "\t",
        "\n",
        "&nbsp;",
    ];
    let mut texts: Vec<(String, String)> = Vec::new();
    for node in edition().nodes() {
        let code = node.code.to_string();
        texts.extend(node.title().map(|t| (code.clone(), t.to_string())));
        texts.extend(node.text().map(|t| (code.clone(), t.to_string())));
        for ev in &node.evidence {
            texts.push((code.clone(), ev.text.clone()));
        }
        if let NodeBody::Element {
            answer: Answer::Tier { levels: choices } | Answer::Options { options: choices },
            ..
        } = &node.body
        {
            texts.extend(choices.iter().map(|c| (code.clone(), c.clone())));
        }
    }
    assert!(texts.len() > 500);
    for (code, text) in &texts {
        for bad in forbidden {
            assert!(!text.contains(bad), "{code}: {bad:?} survives in {text:?}");
        }
        assert_eq!(text.trim(), text, "{code}: stray spaces around {text:?}");
    }
}

#[test]
fn every_item_has_evidence_or_says_where_it_is() {
    for item in edition().items() {
        let NodeBody::Item { evidence_ref, .. } = &item.body else {
            unreachable!()
        };
        assert!(
            !item.evidence.is_empty() || evidence_ref.is_some() || !item.corrections.is_empty(),
            "{} has no evidence, no reference and no note",
            item.code
        );
    }
}
