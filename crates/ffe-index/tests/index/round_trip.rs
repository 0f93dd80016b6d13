//! Load → export → load gives back the same edition; the loader never panics on damaged input.

use ffe_index::{load_edition, shipped, to_json_tree, to_toml};
use proptest::prelude::*;

#[test]
fn toml_export_loads_back_identical() {
    let edition = shipped::edition().expect("valid");
    let text = to_toml(edition).expect("serialises");
    let again = load_edition(&text).unwrap_or_else(|p| panic!("exported file is invalid:\n{p}"));
    assert_eq!(&again, edition);
    assert_eq!(to_toml(&again).expect("serialises"), text);
}

#[test]
fn json_export_holds_every_item_and_element_with_kinds() {
    let edition = shipped::edition().expect("valid");
    let json = to_json_tree(edition);
    let mut items = 0;
    let mut elements = 0;
    let mut stack: Vec<&serde_json::Value> = json["children"]
        .as_array()
        .expect("categories")
        .iter()
        .collect();
    while let Some(node) = stack.pop() {
        assert!(node["code"].is_string());
        assert!(
            node["title"].is_string() || node["text"].is_string(),
            "{node}"
        );
        match node["kind"].as_str().expect("kind") {
            "item" => {
                items += 1;
                assert!(node["letter"].is_string());
                assert!(node["evidence"].is_array());
            }
            "element" => {
                elements += 1;
                assert!(node["answer"]["kind"].is_string());
            }
            "category" | "indicator" | "subindicator" => {}
            other => panic!("unknown kind {other}"),
        }
        stack.extend(node["children"].as_array().expect("children"));
    }
    assert_eq!(items, edition.items().count());
    assert_eq!(elements, edition.elements().count());
    assert_eq!(items, 101);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Damaged files (a byte range replaced by garbage) are refused or accepted, never a panic.
    #[test]
    fn damaged_files_never_panic(start in 0usize..60_000, len in 0usize..200, garbage in "\\PC{0,20}") {
        let text = shipped::EDITION;
        let start = floor_char_boundary(text, start.min(text.len()));
        let end = floor_char_boundary(text, (start + len).min(text.len()));
        let damaged = format!("{}{}{}", &text[..start], garbage, &text[end..]);
        let _ = load_edition(&damaged);
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
