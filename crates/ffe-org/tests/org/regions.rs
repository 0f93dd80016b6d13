use ffe_org::{CountyKind, DataProblem, PlaceError, Regions, shipped};

fn shipped() -> &'static Regions {
    shipped::regions().unwrap_or_else(|e| panic!("shipped regions: {e}"))
}

#[test]
fn zhejiang_has_eleven_cities_and_ninety_counties() {
    let regions = shipped();
    assert_eq!(regions.province_code, "330000");
    assert_eq!(regions.province_name, "浙江省");
    let names: Vec<&str> = regions.cities.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "杭州市",
            "宁波市",
            "温州市",
            "嘉兴市",
            "湖州市",
            "绍兴市",
            "金华市",
            "衢州市",
            "舟山市",
            "台州市",
            "丽水市"
        ]
    );
    let counties: usize = regions.cities.iter().map(|c| c.counties.len()).sum();
    assert_eq!(counties, 90);
    // 2023 census of Zhejiang's county-level divisions: 37 districts, 20 county-level cities, 33 counties.
    let count = |kind| {
        regions
            .cities
            .iter()
            .flat_map(|c| &c.counties)
            .filter(|c| c.kind == kind)
            .count()
    };
    assert_eq!(count(CountyKind::District), 37);
    assert_eq!(count(CountyKind::City), 20);
    assert_eq!(count(CountyKind::County), 33);
}

#[test]
fn every_county_sits_under_its_city_code() {
    for city in &shipped().cities {
        assert!(
            city.code.starts_with("33") && city.code.ends_with("00"),
            "{}",
            city.code
        );
        for county in &city.counties {
            assert_eq!(
                county.code[..4],
                city.code[..4],
                "{} {}",
                county.code,
                county.name
            );
        }
    }
}

#[test]
fn city_by_code_or_name() {
    let regions = shipped();
    assert_eq!(
        regions.city("330200").map(|c| c.name.as_str()),
        Some("宁波市")
    );
    assert_eq!(
        regions.city("宁波市").map(|c| c.code.as_str()),
        Some("330200")
    );
    assert_eq!(
        regions.city(" 宁波 ").map(|c| c.code.as_str()),
        Some("330200")
    );
    assert!(regions.city("苏州市").is_none());
    assert!(regions.city("330000").is_none());
    assert!(regions.city("").is_none());
    let hangzhou = regions.city("杭州").unwrap();
    assert_eq!(hangzhou.counties.len(), 13);
    assert_eq!(
        hangzhou.county("钱塘区").map(|c| c.code.as_str()),
        Some("330114")
    );
    assert_eq!(
        hangzhou.county("330182").map(|c| c.kind),
        Some(CountyKind::City)
    );
    assert!(hangzhou.county("330203").is_none(), "海曙区 is Ningbo's");
}

#[test]
fn county_with_its_city() {
    let regions = shipped();
    let place = regions.county("330782").unwrap();
    assert_eq!(place.county.name, "义乌市");
    assert_eq!(place.county.kind, CountyKind::City);
    assert_eq!(place.city.name, "金华市");
    let place = regions.county("331127").unwrap();
    assert_eq!(
        (place.county.name.as_str(), place.county.kind.label_zh()),
        ("景宁畲族自治县", "县")
    );
    assert_eq!(place.city.code, "331100");
    // 龙港市 is administered for the province by 温州市 and coded under it.
    assert_eq!(
        regions.county("330383").map(|p| p.city.name.as_str()),
        Some("温州市")
    );
    assert!(
        regions.county("330103").is_none(),
        "下城区 was merged away in 2021"
    );
    assert!(regions.county("330100").is_none());
}

#[test]
fn place_checks_the_pair_a_form_sends() {
    let regions = shipped();
    let place = regions.place("330200", "330212").unwrap();
    assert_eq!(
        (place.city.name.as_str(), place.county.name.as_str()),
        ("宁波市", "鄞州区")
    );
    assert_eq!(
        regions.place("320500", "330212"),
        Err(PlaceError::UnknownCity("320500".into()))
    );
    assert_eq!(
        regions.place("330200", "339999"),
        Err(PlaceError::UnknownCounty("339999".into()))
    );
    let err = regions.place("330100", "330212").unwrap_err();
    assert_eq!(err.to_string(), "鄞州区不属于杭州市");
}

const GOOD: &str = r#"
[meta]
source = "test"
as_of = "2023-06-30"

[province]
code = "330000"
name = "浙江省"

[[city]]
code = "330100"
name = "杭州市"
counties = [
  { code = "330102", name = "上城区", kind = "district" },
  { code = "330182", name = "建德市", kind = "city" },
]
"#;

#[test]
fn loads_a_small_file() {
    let regions = Regions::load(GOOD).unwrap();
    assert_eq!(regions.cities.len(), 1);
    assert_eq!(regions.as_of, "2023-06-30");
}

#[test]
fn reports_every_problem_at_once() {
    let bad = GOOD
        .replace("330182", "330282") // under Ningbo's prefix
        .replace(
            "\"上城区\", kind = \"district\"",
            "\"上城区\", kind = \"county\"",
        )
        + r#"
[[city]]
code = "330100"
name = ""
counties = [{ code = "33010X", name = "某区", kind = "district" }]
"#;
    let problems = Regions::load(&bad).unwrap_err().0;
    assert!(problems.contains(&DataProblem::OutsideParent {
        child: "330282".into(),
        parent: "330100".into(),
        prefix: "3301".into()
    }));
    assert!(problems.contains(&DataProblem::WrongKind {
        code: "330102".into(),
        expected: "市辖区",
        found: "县"
    }));
    assert!(problems.contains(&DataProblem::Duplicate {
        code: "330100".into()
    }));
    assert!(problems.contains(&DataProblem::EmptyName {
        code: "330100".into()
    }));
    assert!(
        problems
            .iter()
            .any(|p| matches!(p, DataProblem::BadCode { code, .. } if code == "33010X"))
    );
}

#[test]
fn syntax_and_unknown_fields_are_reported_in_chinese() {
    let err = Regions::load("[meta\n").unwrap_err();
    assert!(err.to_string().starts_with("TOML 语法或结构错误"), "{err}");
    let err = Regions::load(&GOOD.replace("as_of", "date")).unwrap_err();
    assert!(matches!(err.problems(), [DataProblem::Syntax(_)]), "{err}");
    let err = Regions::load(&GOOD.replace("\"city\" }", "\"town\" }")).unwrap_err();
    assert!(matches!(err.problems(), [DataProblem::Syntax(_)]), "{err}");
}

#[test]
fn a_city_without_counties_is_a_problem() {
    let text = GOOD.replace(
        "counties = [\n  { code = \"330102\", name = \"上城区\", kind = \"district\" },\n  { code = \"330182\", name = \"建德市\", kind = \"city\" },\n]",
        "",
    );
    let problems = Regions::load(&text).unwrap_err().0;
    assert_eq!(
        problems,
        [DataProblem::Childless {
            code: "330100".into(),
            missing: "区、县（市）"
        }]
    );
}

proptest::proptest! {
    #[test]
    fn county_lookup_finds_exactly_the_listed_codes(code in "33[0-9]{4}") {
        let regions = shipped();
        let listed = regions.cities.iter().flat_map(|c| &c.counties).any(|c| c.code == code);
        let found = regions.county(&code);
        proptest::prop_assert_eq!(found.is_some(), listed);
        if let Some(place) = found {
            proptest::prop_assert_eq!(&place.county.code[..4], &place.city.code[..4]);
            proptest::prop_assert_eq!(regions.place(&place.city.code, &code), Ok(place));
        }
    }
}
