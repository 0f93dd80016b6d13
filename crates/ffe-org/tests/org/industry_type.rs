use ffe_org::IndustryType;

#[test]
fn labels_and_ids() {
    assert_eq!(IndustryType::Discrete.label_zh(), "离散型");
    assert_eq!(IndustryType::Process.label_zh(), "流程型");
    assert_eq!(IndustryType::Process.as_str(), "process");
    assert_eq!(IndustryType::Discrete.to_string(), "离散型");
}

#[test]
fn parses_ids_and_labels() {
    for t in IndustryType::ALL {
        assert_eq!(t.as_str().parse(), Ok(t));
        assert_eq!(t.label_zh().parse(), Ok(t));
    }
    assert_eq!(" 流程 ".parse(), Ok(IndustryType::Process));
    let err = "混合型".parse::<IndustryType>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "未知的生产类型“混合型”（可选：离散型、流程型）"
    );
}

#[test]
fn serde_uses_the_ids() {
    #[derive(serde::Deserialize, serde::Serialize)]
    struct Form {
        kind: IndustryType,
    }
    let form: Form = toml::from_str("kind = \"discrete\"").unwrap();
    assert_eq!(form.kind, IndustryType::Discrete);
    assert_eq!(
        toml::to_string(&Form {
            kind: IndustryType::Process
        })
        .unwrap()
        .trim(),
        "kind = \"process\""
    );
}
