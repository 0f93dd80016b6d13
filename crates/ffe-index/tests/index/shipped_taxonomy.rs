//! Appendix 1 as shipped: three levels, OCR repaired, 智能检测与装配装备 a class of its own.

use ffe_index::shipped;

#[test]
fn has_the_three_top_classes_and_their_children() {
    let t = shipped::taxonomy().expect("valid taxonomy");
    let top: Vec<&str> = t.classes.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        top,
        ["整体解决方案", "智能制造装备", "工业控制系统与工业软件"]
    );
    let equipment = t.find(&["智能制造装备"]).expect("智能制造装备");
    let level2: Vec<&str> = equipment.children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        level2,
        [
            "数控机床",
            "工业机器人",
            "增材制造装备",
            "智能传感与控制装备",
            "智能检测与装配装备",
            "智能物流与仓储装备",
            "其它类型装备"
        ]
    );
    assert!(t.leaf_paths().iter().all(|p| p.len() == 3));
    assert_eq!(t.leaf_paths().len(), 77);
}

#[test]
fn ocr_errors_are_repaired_and_noted() {
    let t = shipped::taxonomy().expect("valid taxonomy");
    for name in [
        "多层穿梭车",
        "高密度存储穿梭板",
        "托盘输送机",
        "自动化立体仓库",
    ] {
        let class = t
            .find(&["智能制造装备", "智能物流与仓储装备", name])
            .unwrap_or_else(|| panic!("{name} missing"));
        assert!(
            !class.corrections.is_empty(),
            "{name} should note its repair"
        );
    }
    let sensors = t
        .find(&["智能制造装备", "智能传感与控制装备"])
        .expect("sensors");
    assert!(
        sensors
            .children
            .iter()
            .all(|c| c.name != "智能检测与装配装备")
    );
    assert_eq!(
        t.find(&["智能制造装备", "智能检测与装配装备"])
            .map(|c| c.children.len()),
        Some(6)
    );
}

#[test]
fn json_is_nested_name_and_children() {
    let t = shipped::taxonomy().expect("valid taxonomy");
    let json = t.to_json();
    assert_eq!(json["children"][1]["name"], "智能制造装备");
    assert_eq!(
        json["children"][1]["children"][0]["children"][1]["name"],
        "加工中心"
    );
    assert!(
        json["children"][1]["children"][0]["children"][1]["children"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );
}
