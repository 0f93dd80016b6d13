//! Counting words the way Chinese word processors do: each CJK character is one word, and a run of
//! Latin letters or digits is one word. Punctuation and spaces do not count.

/// The number of words in `text` by the rule above.
pub fn count_words(text: &str) -> usize {
    let mut count = 0;
    let mut in_run = false;
    for ch in text.chars() {
        if is_cjk(ch) {
            count += 1;
            in_run = false;
        } else if ch.is_alphanumeric() {
            if !in_run {
                count += 1;
                in_run = true;
            }
        } else {
            in_run = false;
        }
    }
    count
}

fn is_cjk(ch: char) -> bool {
    matches!(ch,
        '\u{3400}'..='\u{4DBF}'   // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK Unified Ideographs
        | '\u{F900}'..='\u{FAFF}' // Compatibility Ideographs
        | '\u{20000}'..='\u{2FA1F}') // Extensions B–F and supplement
}

#[cfg(test)]
mod tests {
    use super::count_words;
    use proptest::prelude::*;

    #[test]
    fn counts_like_a_word_processor() {
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("未来工厂"), 4);
        assert_eq!(count_words("建设 5G 专网"), 5);
        assert_eq!(count_words("应用 MES/ERP 系统。"), 6);
        assert_eq!(count_words("OEE 提升 12.5%"), 5);
        assert_eq!(count_words("，。！？ ——"), 0);
    }

    proptest! {
        #[test]
        fn concatenating_never_loses_words(a in "\\PC{0,40}", b in "\\PC{0,40}") {
            let joined = format!("{a} {b}");
            prop_assert_eq!(count_words(&joined), count_words(&a) + count_words(&b));
        }
    }
}
