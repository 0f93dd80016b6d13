use ffe_org::{CreditCode, CreditCodeError};
use proptest::prelude::*;

/// Published codes of well-known Zhejiang companies. Each passes both check characters, which a
/// misremembered code does only by a 1-in-341 chance.
const PUBLISHED: [(&str, &str); 8] = [
    ("91330100799655058B", "阿里巴巴（中国）有限公司"),
    ("91330100716105852F", "阿里巴巴（中国）网络技术有限公司"),
    ("91330106673959654P", "支付宝（中国）网络技术有限公司"),
    ("91330000733796106P", "杭州海康威视数字技术股份有限公司"),
    ("91330000727215176K", "浙江大华技术股份有限公司"),
    ("91330000142916567N", "杭州娃哈哈集团有限公司"),
    ("91330000747735638J", "浙江吉利控股集团有限公司"),
    ("913300007046976861", "浙江正泰电器股份有限公司"),
];

const CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

#[test]
fn published_codes_parse() {
    for (code, company) in PUBLISHED {
        let parsed = CreditCode::parse(code).unwrap_or_else(|e| panic!("{company} {code}: {e}"));
        assert_eq!(parsed.as_str(), code);
        assert_eq!(parsed.registration_class(), "91", "{company}");
        assert!(parsed.division_code().starts_with("33"), "{company}");
    }
}

#[test]
fn parts_are_where_the_standard_puts_them() {
    let code = CreditCode::parse("91330100799655058B").unwrap();
    assert_eq!(code.registration_class(), "91");
    assert_eq!(code.division_code(), "330100");
    assert_eq!(code.organisation_code(), "799655058");
    assert_eq!(code.to_string(), "91330100799655058B");
}

#[test]
fn typing_slack_is_forgiven() {
    let canonical = CreditCode::parse("91330000733796106P").unwrap();
    for typed in [
        "  91330000733796106P\n",
        "91330000733796106p",
        "\u{3000}91330000733796106p\u{3000}",
        "９１３３００００７３３７９６１０６Ｐ",
    ] {
        assert_eq!(CreditCode::parse(typed), Ok(canonical.clone()), "{typed:?}");
    }
}

#[test]
fn errors_say_exactly_what_is_wrong() {
    assert_eq!(CreditCode::parse("   "), Err(CreditCodeError::Empty));
    assert_eq!(
        CreditCode::parse("9133010079965505"),
        Err(CreditCodeError::Length(16))
    );
    // Characters are counted, not bytes.
    assert_eq!(
        CreditCode::parse("阿里巴巴"),
        Err(CreditCodeError::Length(4))
    );
    assert_eq!(
        CreditCode::parse("91330100799655O58B"),
        Err(CreditCodeError::InvalidChar {
            position: 15,
            found: 'O'
        })
    );
    assert_eq!(
        CreditCode::parse("9133010079965505-B"),
        Err(CreditCodeError::InvalidChar {
            position: 17,
            found: '-'
        })
    );
    assert_eq!(
        CreditCode::parse("9133A100799655058B"),
        Err(CreditCodeError::DivisionNotDigit {
            position: 5,
            found: 'A'
        })
    );
    assert_eq!(
        CreditCode::parse("91330100799655059B"),
        Err(CreditCodeError::OrganisationCheck {
            expected: '8',
            found: '9'
        })
    );
    assert_eq!(
        CreditCode::parse("91330100799655058C"),
        Err(CreditCodeError::CheckDigit {
            expected: 'B',
            found: 'C'
        })
    );
}

#[test]
fn messages_are_chinese_and_name_the_place() {
    let message = |input: &str| CreditCode::parse(input).unwrap_err().to_string();
    assert_eq!(message("123"), "统一社会信用代码应为 18 位，现为 3 位");
    assert!(message("91330100799655O58B").starts_with("第 15 位的“O”不是有效字符"));
    assert!(
        message("91330100799655058C")
            .contains("第 18 位（校验码）有误：按前 17 位应为“B”，现为“C”")
    );
    assert!(message("91330100799655059B").contains("第 17 位（组织机构代码的校验码）有误"));
}

#[test]
fn serde_goes_through_parse() {
    #[derive(serde::Deserialize)]
    struct Form {
        code: CreditCode,
    }
    let form: Form = toml::from_str("code = \"91330000727215176k\"").unwrap();
    assert_eq!(form.code.as_str(), "91330000727215176K");
    assert!(toml::from_str::<Form>("code = \"91330000727215176A\"").is_err());
}

fn charset_char() -> impl Strategy<Value = char> {
    proptest::sample::select(CHARSET.chars().collect::<Vec<_>>())
}

fn digit() -> impl Strategy<Value = char> {
    proptest::sample::select("0123456789".chars().collect::<Vec<_>>())
}

/// The first sixteen characters of a well-formed code: anything in the set, with digits in 3–8.
fn prefix() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(charset_char(), 2),
        proptest::collection::vec(digit(), 6),
        proptest::collection::vec(charset_char(), 8),
    )
        .prop_map(|(head, division, body)| head.into_iter().chain(division).chain(body).collect())
}

/// Completes a prefix with the only two characters that make it valid, found by trying all 31×31.
/// Each prefix must have exactly one completion: the check characters are functions of what precedes.
fn complete(prefix: &str) -> String {
    let valid: Vec<String> = CHARSET
        .chars()
        .flat_map(|a| CHARSET.chars().map(move |b| format!("{prefix}{a}{b}")))
        .filter(|code| CreditCode::parse(code).is_ok())
        .collect();
    assert_eq!(valid.len(), 1, "{prefix}: {valid:?}");
    valid.into_iter().next().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_generated_code_parses_and_round_trips(prefix in prefix()) {
        let code = complete(&prefix);
        let parsed = CreditCode::parse(&code).unwrap();
        prop_assert_eq!(parsed.as_str(), code.as_str());
        prop_assert_eq!(CreditCode::parse(&code.to_lowercase()), Ok(parsed));
    }

    #[test]
    fn any_single_character_change_is_rejected(
        prefix in prefix(),
        position in 0usize..18,
        replacement in any::<char>(),
    ) {
        let code = complete(&prefix);
        let original = code.chars().nth(position).unwrap();
        // Lower case and full-width forms of the same character are forgiven on purpose: not changes.
        let ascii = match u32::from(replacement) {
            wide @ 0xFF01..=0xFF5E => char::from_u32(wide - 0xFEE0).unwrap(),
            _ => replacement,
        };
        prop_assume!(!ascii.eq_ignore_ascii_case(&original));
        let changed: String = code
            .chars()
            .enumerate()
            .map(|(i, c)| if i == position { replacement } else { c })
            .collect();
        prop_assert!(CreditCode::parse(&changed).is_err(), "{} accepted", changed);
    }

    #[test]
    fn any_change_within_the_charset_is_rejected(
        prefix in prefix(),
        position in 0usize..18,
        replacement in charset_char(),
    ) {
        let code = complete(&prefix);
        let changed: String = code
            .chars()
            .enumerate()
            .map(|(i, c)| if i == position { replacement } else { c })
            .collect();
        prop_assume!(changed != code);
        prop_assert!(CreditCode::parse(&changed).is_err(), "{} accepted", changed);
    }

    #[test]
    fn parse_never_panics(input in ".{0,40}") {
        let _ = CreditCode::parse(&input);
    }
}

#[test]
fn demo_codes_in_the_docs_are_valid_and_in_the_place_they_claim() {
    let docs = include_str!("../../../../docs/reference-data.md");
    let regions = ffe_org::shipped::regions().unwrap();
    let rows: Vec<(&str, &str)> = docs
        .lines()
        .filter_map(|line| line.strip_prefix("| 91"))
        .filter_map(|rest| rest.split_once(" | "))
        .collect();
    assert_eq!(rows.len(), 9);
    for (rest, office) in rows {
        let code =
            CreditCode::parse(&format!("91{rest}")).unwrap_or_else(|e| panic!("91{rest}: {e}"));
        assert!(code.organisation_code().starts_with("FFE"));
        let place = regions.county(code.division_code()).unwrap();
        let county = place.county.name.as_str();
        assert_eq!(
            office.split(" |").next().unwrap_or_default(),
            format!("{}{}", place.city.name, county)
        );
    }
}
