//! Simplified Chinese first, English second. The language is a cookie (`ffe-lang`), switched by
//! `/lang/{zh|en}`; the page texts are data (`i18n/messages.toml`), looked up by key.

use std::collections::HashMap;
use std::sync::OnceLock;

use axum::http::HeaderMap;
use serde::Deserialize;

pub const LANG_COOKIE: &str = "ffe-lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn parse(text: &str) -> Option<Lang> {
        match text {
            "zh" | "zh-CN" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The `lang` attribute of the page.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn from_headers(headers: &HeaderMap) -> Lang {
        headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LANG_COOKIE)
            .and_then(|(_, value)| Lang::parse(value))
            .unwrap_or_default()
    }

    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

#[derive(Deserialize)]
struct Text {
    zh: String,
    en: String,
}

const MESSAGES: &str = include_str!("../i18n/messages.toml");

fn messages() -> &'static HashMap<String, Text> {
    static CELL: OnceLock<HashMap<String, Text>> = OnceLock::new();
    // The file is compiled in and checked by a test; a broken file shows keys instead of texts.
    CELL.get_or_init(|| toml::from_str(MESSAGES).unwrap_or_default())
}

/// The translator a template calls: `{{ t.get("login.title") }}`.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    pub fn get<'a>(&self, key: &'a str) -> &'a str {
        match messages().get(key) {
            Some(text) => match self.lang {
                Lang::Zh => text.zh.as_str(),
                Lang::En => text.en.as_str(),
            },
            None => key,
        }
    }

    pub fn is_en(&self) -> bool {
        self.lang == Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_messages_file_parses_and_every_key_used_by_a_template_exists() {
        let parsed: HashMap<String, Text> = toml::from_str(MESSAGES).unwrap();
        for (key, text) in &parsed {
            assert!(!text.zh.is_empty() && !text.en.is_empty(), "{key}");
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for piece in text.split("t.get(\"").skip(1) {
                let key = piece.split('"').next().unwrap();
                assert!(
                    parsed.contains_key(key),
                    "{}: missing key {key}",
                    path.display()
                );
                checked += 1;
            }
        }
        assert!(checked > 20);
    }

    #[test]
    fn language_comes_from_the_cookie() {
        let mut h = HeaderMap::new();
        assert_eq!(Lang::from_headers(&h), Lang::Zh);
        h.insert("cookie", "a=b; ffe-lang=en".parse().unwrap());
        assert_eq!(Lang::from_headers(&h), Lang::En);
        assert_eq!(Tr::new(Lang::En).get("no.such.key"), "no.such.key");
    }
}
