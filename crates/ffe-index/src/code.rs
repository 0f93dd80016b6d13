//! Node codes: "3", "3.2", "3.2.1", "3.2.1.a", "3.2.1.a.1" (and "1.1.a", "1.1.a.1" where an indicator
//! has no sub-indicators). A code says where its node sits; its parent is the code without the last part.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The level of a node in the index tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Category,
    Indicator,
    Subindicator,
    Item,
    Element,
}

impl Level {
    /// The word used in the JSON export and in the data file's table names.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Category => "category",
            Level::Indicator => "indicator",
            Level::Subindicator => "subindicator",
            Level::Item => "item",
            Level::Element => "element",
        }
    }

    /// The level's name in the index document (一级指标 …).
    pub fn label_zh(self) -> &'static str {
        match self {
            Level::Category => "一级指标",
            Level::Indicator => "二级指标",
            Level::Subindicator => "三级指标",
            Level::Item => "评价内容",
            Level::Element => "评价要素",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("编码为空")]
    Empty,
    #[error("编码“{0}”格式不正确：应为 3、3.2、3.2.1、3.2.1.a 或 3.2.1.a.1 的形式")]
    Malformed(String),
}

/// A validated node code. Cheap to compare and hash; ordered as text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code {
    text: String,
    level: Level,
}

impl Code {
    pub fn parse(text: &str) -> Result<Code, CodeError> {
        if text.is_empty() {
            return Err(CodeError::Empty);
        }
        let malformed = || CodeError::Malformed(text.to_string());
        let parts: Vec<&str> = text.split('.').collect();
        let letter_at = parts.iter().position(|p| is_letter(p));
        let numbers_before = letter_at.unwrap_or(parts.len());
        if !(1..=3).contains(&numbers_before) {
            return Err(malformed());
        }
        for (i, part) in parts.iter().enumerate() {
            let ok = match letter_at {
                Some(at) if i == at => true,
                Some(at) if i == at + 1 => is_number(part),
                Some(at) if i > at + 1 => false,
                _ => is_number(part),
            };
            if !ok {
                return Err(malformed());
            }
        }
        let level = match (letter_at, parts.len()) {
            (None, 1) => Level::Category,
            (None, 2) => Level::Indicator,
            (None, 3) => Level::Subindicator,
            (Some(at), n) if n == at + 1 && at >= 2 => Level::Item,
            (Some(at), n) if n == at + 2 && at >= 2 => Level::Element,
            _ => return Err(malformed()),
        };
        Ok(Code {
            text: text.to_string(),
            level,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn level(&self) -> Level {
        self.level
    }

    /// The parent's code; `None` for a category.
    pub fn parent(&self) -> Option<Code> {
        let (head, _) = self.text.rsplit_once('.')?;
        Code::parse(head).ok()
    }

    /// The last part of the code: the item's letter or the element's number, as text.
    pub fn last(&self) -> &str {
        self.text.rsplit('.').next().unwrap_or(&self.text)
    }

    /// The category this node belongs to ("3" for "3.2.1.a.1").
    pub fn category(&self) -> &str {
        self.text.split('.').next().unwrap_or(&self.text)
    }

    /// Whether `self` is `other` or one of its descendants.
    pub fn is_within(&self, other: &Code) -> bool {
        self.text == other.text
            || (self.text.starts_with(&other.text)
                && self.text.as_bytes().get(other.text.len()) == Some(&b'.'))
    }
}

fn is_letter(part: &str) -> bool {
    part.len() == 1 && part.bytes().all(|b| b.is_ascii_lowercase())
}

fn is_number(part: &str) -> bool {
    !part.is_empty()
        && part.len() <= 3
        && part.bytes().all(|b| b.is_ascii_digit())
        && !part.starts_with('0')
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::str::FromStr for Code {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Code::parse(s)
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Code::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_follow_the_shape() {
        let cases = [
            ("3", Level::Category),
            ("3.2", Level::Indicator),
            ("3.2.1", Level::Subindicator),
            ("3.2.1.a", Level::Item),
            ("1.1.d", Level::Item),
            ("3.5.a", Level::Item),
            ("3.2.1.a.1", Level::Element),
            ("1.1.a.1", Level::Element),
            ("2.1.1.d.12", Level::Element),
        ];
        for (text, level) in cases {
            assert_eq!(Code::parse(text).map(|c| c.level()), Ok(level), "{text}");
        }
    }

    #[test]
    fn malformed_codes_are_refused() {
        for text in [
            "",
            "a",
            "3.",
            ".3",
            "3..2",
            "3.a",
            "03",
            "3.2.1.A",
            "3.2.1.ab",
            "3.2.1.a.b",
            "3.2.1.2.3",
            "3.2.1.a.1.1",
            "3.2.1.a.0",
            "3 .2",
            "３.2",
            "3.2.1.a.1x",
        ] {
            assert!(Code::parse(text).is_err(), "{text:?} should be refused");
        }
    }

    #[test]
    fn parents_and_containment() {
        let element = Code::parse("3.2.1.a.1").unwrap();
        assert_eq!(element.parent().unwrap().as_str(), "3.2.1.a");
        assert_eq!(element.last(), "1");
        assert_eq!(element.category(), "3");
        assert!(element.is_within(&Code::parse("3.2").unwrap()));
        assert!(!element.is_within(&Code::parse("3.2.11").unwrap()));
        assert!(Code::parse("3").unwrap().parent().is_none());
        assert_eq!(
            Code::parse("1.1.a").unwrap().parent().unwrap().level(),
            Level::Indicator
        );
    }
}
