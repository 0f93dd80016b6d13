use ffe_org::{DataProblem, Industries, IndustryCodeError, shipped};

fn shipped() -> &'static Industries {
    shipped::industries().unwrap_or_else(|e| panic!("shipped industries: {e}"))
}

#[test]
fn manufacturing_has_31_divisions_13_to_43_and_179_groups() {
    let industries = shipped();
    assert_eq!(industries.standard, "GB/T 4754-2017");
    assert_eq!(
        (
            industries.section.as_str(),
            industries.section_name.as_str()
        ),
        ("C", "制造业")
    );
    let codes: Vec<String> = industries
        .divisions
        .iter()
        .map(|d| d.code.clone())
        .collect();
    let expected: Vec<String> = (13..=43).map(|n: u32| n.to_string()).collect();
    assert_eq!(codes, expected);
    let groups: usize = industries.divisions.iter().map(|d| d.groups.len()).sum();
    assert_eq!(groups, 179);
}

#[test]
fn groups_sit_under_their_division_in_order() {
    for division in &shipped().divisions {
        assert!(!division.groups.is_empty(), "{}", division.code);
        let mut previous = String::new();
        for group in &division.groups {
            assert_eq!(group.code[..2], division.code, "{}", group.code);
            assert!(group.code > previous, "{} out of order", group.code);
            previous.clone_from(&group.code);
        }
    }
}

#[test]
fn names_use_the_standards_punctuation() {
    for division in &shipped().divisions {
        for name in std::iter::once(&division.name).chain(division.groups.iter().map(|g| &g.name)) {
            assert!(
                !name.contains(['(', ')', ',', ' ']),
                "half-width punctuation in {name}"
            );
        }
    }
}

#[test]
fn lookup_by_division_or_group() {
    let industries = shipped();
    let car_parts = industries.lookup("367").unwrap();
    assert_eq!(
        (car_parts.code(), car_parts.name()),
        ("367", "汽车零部件及配件制造")
    );
    assert_eq!(car_parts.division.name, "汽车制造业");
    let cars = industries.lookup("36").unwrap();
    assert_eq!(
        (cars.code(), cars.name(), cars.group),
        ("36", "汽车制造业", None)
    );
    assert_eq!(
        industries.lookup(" C398 ").unwrap().name(),
        "电子元件及电子专用材料制造"
    );
    assert_eq!(
        industries.lookup("c26").unwrap().name(),
        "化学原料和化学制品制造业"
    );
    assert_eq!(
        industries.lookup("194").unwrap().name(),
        "羽毛（绒）加工及制品制造"
    );
    assert_eq!(industries.division("43").map(|d| d.groups.len()), Some(7));
}

#[test]
fn lookup_says_what_is_wrong_in_chinese() {
    let industries = shipped();
    assert_eq!(industries.lookup("  "), Err(IndustryCodeError::Empty));
    assert_eq!(
        industries.lookup("3a7"),
        Err(IndustryCodeError::Malformed("3a7".into()))
    );
    assert_eq!(
        industries.lookup("C"),
        Err(IndustryCodeError::Malformed("C".into()))
    );
    assert_eq!(
        industries.lookup("13679"),
        Err(IndustryCodeError::Malformed("13679".into()))
    );
    assert_eq!(
        industries.lookup("3670").unwrap_err().to_string(),
        "“3670”是四位小类代码，请填写它所属的三位中类代码 367"
    );
    // Outside manufacturing (44 is electricity), a gap in the numbering (138), a section other than C.
    for code in ["44", "12", "138", "B06", "3680"] {
        let err = industries.lookup(code).unwrap_err();
        assert!(
            matches!(err, IndustryCodeError::Unknown { .. }),
            "{code}: {err:?}"
        );
    }
    assert_eq!(
        industries.lookup("44").unwrap_err().to_string(),
        "行业代码“44”不在《GB/T 4754-2017》制造业（门类 C）的大类、中类中"
    );
}

#[test]
fn every_shipped_code_looks_itself_up() {
    let industries = shipped();
    for division in &industries.divisions {
        assert_eq!(
            industries.lookup(&division.code).unwrap().name(),
            division.name
        );
        for group in &division.groups {
            let found = industries.lookup(&format!("C{}", group.code)).unwrap();
            assert_eq!(
                (found.code(), found.division.code.as_str()),
                (group.code.as_str(), division.code.as_str())
            );
        }
    }
}

const GOOD: &str = r#"
[meta]
standard = "GB/T 4754-2017"
title = "国民经济行业分类"
section = "C"
section_name = "制造业"

[[division]]
code = "13"
name = "农副食品加工业"
groups = [{ code = "131", name = "谷物磨制" }]
"#;

#[test]
fn loads_a_small_file_and_reports_every_problem() {
    assert_eq!(Industries::load(GOOD).unwrap().divisions.len(), 1);
    let bad = GOOD.replace("\"131\"", "\"141\"")
        + "\n[[division]]\ncode = \"13\"\nname = \" \"\ngroups = [{ code = \"13A\", name = \"x\" }]\n\n[[division]]\ncode = \"14\"\nname = \"食品制造业\"\n";
    let problems = Industries::load(&bad).unwrap_err().0;
    assert!(problems.contains(&DataProblem::OutsideParent {
        child: "141".into(),
        parent: "13".into(),
        prefix: "13".into()
    }));
    assert!(problems.contains(&DataProblem::Duplicate { code: "13".into() }));
    assert!(problems.contains(&DataProblem::EmptyName { code: "13".into() }));
    assert!(problems.contains(&DataProblem::BadCode {
        code: "13A".into(),
        why: "中类代码应为 3 位数字"
    }));
    assert!(problems.contains(&DataProblem::Childless {
        code: "14".into(),
        missing: "中类"
    }));
    let err = Industries::load(&GOOD.replace("section = \"C\"", "section = \"制造\"")).unwrap_err();
    assert!(
        err.to_string().contains("门类代码应为一个大写字母"),
        "{err}"
    );
    let err = Industries::load(&GOOD.replace("title", "name")).unwrap_err();
    assert!(err.to_string().starts_with("TOML 语法或结构错误"), "{err}");
}

proptest::proptest! {
    #[test]
    fn lookup_accepts_exactly_the_listed_codes(n in 0u32..1000, with_letter: bool) {
        let industries = shipped();
        let code = if n < 100 { format!("{n:02}") } else { n.to_string() };
        let listed = industries.divisions.iter().any(|d| d.code == code || d.groups.iter().any(|g| g.code == code));
        let typed = if with_letter { format!("C{code}") } else { code.clone() };
        let found = industries.lookup(&typed);
        proptest::prop_assert_eq!(found.is_ok(), listed, "{}", typed);
        if let Ok(industry) = found {
            proptest::prop_assert_eq!(industry.code(), code.as_str());
        }
    }

    #[test]
    fn lookup_never_panics(input in "\\PC{0,8}") {
        let _ = shipped().lookup(&input);
    }
}
