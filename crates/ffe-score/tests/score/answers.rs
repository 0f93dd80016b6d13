//! The answers format: parsed against the edition, every problem named with its code.

use ffe_score::{AnswerProblem, Answers, IndustryType, Value};

use super::edition;

fn problems(text: &str) -> Vec<AnswerProblem> {
    Answers::from_json(text, edition())
        .expect_err("should be refused")
        .0
}

#[test]
fn every_kind_of_value_is_read() {
    let text = r#"{
      "profile": {"industry_type": "process", "high_value_equipment": true},
      "answers": {
        "1.1.b.2": true,
        "3.5.a.1": "国家级绿色工厂",
        "1.1.a.1": ["引进智能制造领域高级人才"],
        "1.1.b.1": 38,
        "1.3.e.1": 91.5,
        "3.3.1.c.1": {"numerator": 54, "denominator": 80},
        "4.1.a.1": 85,
        "4.2.a.1": [20, 18.5]
      }
    }"#;
    let a = Answers::from_json(text, edition()).expect("valid");
    assert_eq!(a.profile.industry_type, IndustryType::Process);
    assert!(a.profile.high_value_equipment);
    assert_eq!(a.values.get("1.1.b.2"), Some(&Value::Achieved(true)));
    assert_eq!(
        a.values.get("3.5.a.1"),
        Some(&Value::Level("国家级绿色工厂".into()))
    );
    assert_eq!(
        a.values.get("3.3.1.c.1"),
        Some(&Value::Fraction {
            numerator: 54.0,
            denominator: 80.0
        })
    );
    assert_eq!(
        a.values.get("4.2.a.1"),
        Some(&Value::Scenarios(vec![20.0, 18.5]))
    );
    // The JSON form reads back to the same answers.
    let again = Answers::from_json(&a.to_json().to_string(), edition()).expect("round trip");
    assert_eq!(again, a);
}

#[test]
fn high_value_equipment_defaults_to_false() {
    let a = Answers::from_json(
        r#"{"profile": {"industry_type": "discrete"}, "answers": {}}"#,
        edition(),
    )
    .expect("valid");
    assert!(!a.profile.high_value_equipment);
}

#[test]
fn ill_typed_values_name_the_code_and_what_was_expected() {
    let text = r#"{
      "profile": {"industry_type": "discrete"},
      "answers": {
        "1.1.b.2": "yes",
        "3.5.a.1": "市级绿色工厂",
        "1.1.a.1": ["A"],
        "1.1.b.1": -3,
        "1.3.e.1": {"numerator": 1, "denominator": 0},
        "4.1.a.1": 120,
        "4.2.a.1": 60,
        "9.9.a.1": true,
        "3.5": true
      }
    }"#;
    let p = problems(text);
    let messages: Vec<String> = p.iter().map(ToString::to_string).collect();
    let find = |code: &str| {
        messages
            .iter()
            .find(|m| m.contains(&format!("[{code}]")))
            .cloned()
            .unwrap_or_else(|| panic!("no problem for {code}: {messages:#?}"))
    };
    assert!(find("1.1.b.2").contains("true 或 false") && find("1.1.b.2").contains("\"yes\""));
    assert!(find("3.5.a.1").contains("“省级绿色工厂”"));
    assert!(find("1.1.a.1").contains("“合作案例和合作成果”"));
    assert!(find("1.1.b.1").contains("不小于 0") && find("1.1.b.1").contains("人"));
    assert!(find("1.3.e.1").contains("分母大于 0"));
    assert!(find("4.1.a.1").contains("0 到 100"));
    assert!(find("4.2.a.1").contains("每项场景一个分数的数组"));
    assert!(find("9.9.a.1").contains("没有这个编码"));
    assert!(find("3.5").contains("二级指标"));
    assert_eq!(p.len(), 9);
}

#[test]
fn the_profile_is_required_and_checked() {
    let p = problems(r#"{"answers": {}}"#);
    assert!(p.contains(&AnswerProblem::Missing("profile")));
    let p = problems(
        r#"{"profile": {"industry_type": "mixed", "size": 3, "high_value_equipment": "no"}, "answers": {}, "extra": 1}"#,
    );
    let text: Vec<String> = p.iter().map(ToString::to_string).collect();
    assert!(text.iter().any(|m| m.contains("\"mixed\"")), "{text:?}");
    assert!(text.iter().any(|m| m.contains("size")), "{text:?}");
    assert!(
        text.iter().any(|m| m.contains("high_value_equipment")),
        "{text:?}"
    );
    assert!(text.iter().any(|m| m.contains("extra")), "{text:?}");
}

#[test]
fn syntax_errors_give_line_and_column() {
    let p = problems(
        "{\n  \"profile\": {\"industry_type\": \"discrete\"},\n  \"answers\": {\"1.1.b.2\": tru}\n}",
    );
    assert!(
        matches!(p.first(), Some(AnswerProblem::Syntax { line: 3, .. })),
        "{p:?}"
    );
}

#[test]
fn the_documented_schema_is_the_generated_one() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/answers.schema.json"
    );
    let text = std::fs::read_to_string(path).expect("docs/answers.schema.json exists");
    let documented: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(
        documented,
        ffe_score::answers_schema(edition()),
        "docs/answers.schema.json is stale: regenerate with `ffe scheme answers-schema > docs/answers.schema.json`"
    );
    let props = &documented["properties"]["answers"]["properties"];
    assert_eq!(props.as_object().map(|m| m.len()), Some(217));
    assert_eq!(props["3.5.a.1"]["enum"][2], "国家级绿色工厂");
    assert_eq!(props["4.2.a.1"]["items"]["maximum"], 20);
}
