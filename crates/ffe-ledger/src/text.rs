//! Folding of what people type into comparable keys: full-width forms, spaces, line breaks,
//! bracket variants and interchangeable characters all collapse to one spelling.

/// Map full-width ASCII forms (Ａ, １, （, ：) and the ideographic space to their half-width forms.
pub fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Characters that are not part of a name but only decorate it.
fn is_bracket(c: char) -> bool {
    matches!(
        c,
        '(' | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '〖'
            | '〗'
            | '<'
            | '>'
            | '《'
            | '》'
    )
}

/// A header as a key: half-width, without whitespace or brackets, ASCII lower-cased.
pub fn header_key(text: &str) -> String {
    text.chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace() && !is_bracket(*c) && !c.is_control())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A taxonomy name as a key: like a header, and 其他 is 其它, list commas are 、.
pub fn name_key(text: &str) -> String {
    text.chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace() && !is_bracket(*c) && !c.is_control())
        .map(|c| match c {
            '他' => '它',
            ',' | '，' | ';' | '；' | '/' | '／' => '、',
            _ => c.to_ascii_lowercase(),
        })
        .collect()
}

/// A free-text cell as stored: trimmed, control characters and line breaks turned into spaces,
/// runs of spaces collapsed, so that what is exported reads back the same.
pub fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// A value cell as a token: half-width, trimmed, without inner whitespace, ASCII lower-cased.
pub fn value_key(text: &str) -> String {
    text.chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn headers_fold_spaces_breaks_and_brackets() {
        assert_eq!(header_key("购置时间 (按发票日期)"), "购置时间按发票日期");
        assert_eq!(header_key("购置时间\n（按发票日期）"), "购置时间按发票日期");
        assert_eq!(header_key("是否 国产"), "是否国产");
    }

    #[test]
    fn names_fold_other_and_commas() {
        assert_eq!(name_key("其他"), name_key("其它"));
        assert_eq!(name_key("可组态（配置）装备"), name_key("可组态(配置)装备"));
        assert_eq!(
            name_key("位置,力矩,触觉传感器"),
            name_key("位置、力矩、触觉传感器")
        );
        assert_eq!(name_key("工业APP"), name_key("工业 app"));
    }

    #[test]
    fn clean_text_trims_and_collapses() {
        assert_eq!(clean_text("  数控\n车床\t\tA  "), "数控 车床 A");
        assert_eq!(clean_text("\u{0}\u{7}"), "");
    }

    proptest! {
        #[test]
        fn clean_text_is_idempotent(s in "\\PC*") {
            let once = clean_text(&s);
            prop_assert_eq!(clean_text(&once), once.clone());
            prop_assert!(!once.starts_with(' ') && !once.ends_with(' '));
        }

        #[test]
        fn keys_ignore_surrounding_space(s in "[\\p{Han}a-zA-Z0-9（）()]{0,12}") {
            prop_assert_eq!(header_key(&format!("  {s}\n")), header_key(&s));
            prop_assert_eq!(name_key(&format!("\u{3000}{s} ")), name_key(&s));
        }
    }
}
