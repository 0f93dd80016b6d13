//! 统一社会信用代码 (unified social credit code, GB 32100-2015).
//!
//! Eighteen characters from a 31-character set (digits and capitals without I, O, S, V, Z):
//! 1 registration authority, 2 organisation type, 3–8 the registering office's administrative
//! division code (GB/T 2260), 9–17 the organisation code (GB 11714: eight characters and its own
//! check character), 18 the check character over the first seventeen.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The characters a credit code may use, in the order of their values 0–30.
const CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Weights of positions 1–17 for the final check character: 3^(i-1) mod 31.
const CODE_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Weights of the eight body characters of a GB 11714 organisation code.
const ORGANISATION_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

const LENGTH: usize = 18;

/// Why a text is not a valid credit code. Messages are shown to the people who typed the code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditCodeError {
    #[error("请填写统一社会信用代码")]
    Empty,
    #[error("统一社会信用代码应为 18 位，现为 {0} 位")]
    Length(usize),
    #[error(
        "第 {position} 位的“{found}”不是有效字符：统一社会信用代码只使用数字和大写字母（不含 I、O、S、V、Z）"
    )]
    InvalidChar { position: usize, found: char },
    #[error("第 {position} 位的“{found}”有误：第 3–8 位是登记管理机关的行政区划代码，只能是数字")]
    DivisionNotDigit { position: usize, found: char },
    #[error(
        "第 17 位（组织机构代码的校验码）有误：按第 9–16 位应为“{expected}”，现为“{found}”，请核对第 9–17 位"
    )]
    OrganisationCheck { expected: char, found: char },
    #[error(
        "第 18 位（校验码）有误：按前 17 位应为“{expected}”，现为“{found}”，请核对是否有字符抄错"
    )]
    CheckDigit { expected: char, found: char },
}

/// A credit code that has passed every check, held in its canonical form (18 upper-case characters).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CreditCode(String);

impl CreditCode {
    /// Parses what a person typed: surrounding whitespace, lower case and full-width characters
    /// (common with Chinese input methods) are accepted; anything else wrong is reported precisely.
    pub fn parse(input: &str) -> Result<CreditCode, CreditCodeError> {
        let typed: Vec<char> = input.trim().chars().collect();
        if typed.is_empty() {
            return Err(CreditCodeError::Empty);
        }
        if typed.len() != LENGTH {
            return Err(CreditCodeError::Length(typed.len()));
        }
        let mut values = [0u32; LENGTH];
        let mut canonical = String::with_capacity(LENGTH);
        for (index, (&found, value)) in typed.iter().zip(values.iter_mut()).enumerate() {
            let position = index + 1;
            let normal = normalise(found);
            *value = value_of(normal).ok_or(CreditCodeError::InvalidChar { position, found })?;
            if (3..=8).contains(&position) && !normal.is_ascii_digit() {
                return Err(CreditCodeError::DivisionNotDigit { position, found });
            }
            canonical.push(normal);
        }
        let code: Vec<char> = canonical.chars().collect();
        let body = code.get(8..16).unwrap_or_default();
        let found = code.get(16).copied().unwrap_or_default();
        let expected = organisation_check(body);
        if found != expected {
            return Err(CreditCodeError::OrganisationCheck { expected, found });
        }
        let expected = code_check(values.get(..17).unwrap_or_default());
        let found = code.last().copied().unwrap_or_default();
        if found != expected {
            return Err(CreditCodeError::CheckDigit { expected, found });
        }
        Ok(CreditCode(canonical))
    }

    /// The canonical 18-character form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Positions 1–2: registration authority and organisation type ("91" is an enterprise registered
    /// with the market regulator, "92" a sole trader, "93" a farmers' co-operative).
    pub fn registration_class(&self) -> &str {
        self.0.get(0..2).unwrap_or_default()
    }

    /// Positions 3–8: the GB/T 2260 code of the office that registered the organisation.
    pub fn division_code(&self) -> &str {
        self.0.get(2..8).unwrap_or_default()
    }

    /// Positions 9–17: the GB 11714 organisation code, check character included.
    pub fn organisation_code(&self) -> &str {
        self.0.get(8..17).unwrap_or_default()
    }
}

/// Full-width forms (ＡＢＣ１２３) to ASCII, then upper case.
fn normalise(c: char) -> char {
    let ascii = match u32::from(c) {
        code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    ascii.to_ascii_uppercase()
}

fn value_of(c: char) -> Option<u32> {
    let byte = u8::try_from(c).ok()?;
    let index = CHARSET.iter().position(|&b| b == byte)?;
    u32::try_from(index).ok()
}

fn char_of(value: u32) -> char {
    usize::try_from(value)
        .ok()
        .and_then(|v| CHARSET.get(v))
        .map_or('?', |&b| char::from(b))
}

/// GB 32100 check character: 31 − (Σ value × weight mod 31), where 31 becomes 0.
fn code_check(values: &[u32]) -> char {
    let sum: u32 = values.iter().zip(CODE_WEIGHTS).map(|(v, w)| v * w).sum();
    char_of((31 - sum % 31) % 31)
}

/// GB 11714 check character: 11 − (Σ value × weight mod 11), where 10 is X and 11 is 0. Letters
/// count by their place in the whole alphabet (A = 10 … Z = 35), not by the credit-code set.
fn organisation_check(body: &[char]) -> char {
    let sum: u32 = body
        .iter()
        .zip(ORGANISATION_WEIGHTS)
        .map(|(c, w)| c.to_digit(36).unwrap_or(0) * w)
        .sum();
    match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        digit => char::from_digit(digit, 10).unwrap_or('?'),
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for CreditCode {
    type Err = CreditCodeError;

    fn from_str(s: &str) -> Result<CreditCode, CreditCodeError> {
        CreditCode::parse(s)
    }
}

impl TryFrom<String> for CreditCode {
    type Error = CreditCodeError;

    fn try_from(s: String) -> Result<CreditCode, CreditCodeError> {
        CreditCode::parse(&s)
    }
}

impl From<CreditCode> for String {
    fn from(code: CreditCode) -> String {
        code.0
    }
}

impl AsRef<str> for CreditCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_powers_of_three_mod_31() {
        let mut w = 1;
        for weight in CODE_WEIGHTS {
            assert_eq!(weight, w);
            w = w * 3 % 31;
        }
    }

    #[test]
    fn organisation_check_follows_gb_11714() {
        let check = |body: &str| organisation_check(&body.chars().collect::<Vec<_>>());
        // Σ = 1×2 = 2 → 11 − 2 = 9.
        assert_eq!(check("00000001"), '9');
        // Σ = 0 → 11, written 0.
        assert_eq!(check("00000000"), '0');
        // A counts 10: 10×3 = 30 ≡ 8 → 3.
        assert_eq!(check("A0000000"), '3');
        // D counts 13: 13×2 = 26 ≡ 4 → 7.
        assert_eq!(check("0000000D"), '7');
        // Y counts 34 (its alphabet place), not 30 (its credit-code value): 34×2 = 68 ≡ 2 → 9.
        assert_eq!(check("0000000Y"), '9');
        // 6×2 = 12 ≡ 1 → 10, written X.
        assert_eq!(check("00000006"), 'X');
        assert_eq!(check("00000030"), 'X');
    }

    #[test]
    fn full_width_and_lower_case_normalise() {
        assert_eq!(normalise('ａ'), 'A');
        assert_eq!(normalise('９'), '9');
        assert_eq!(normalise('b'), 'B');
        assert_eq!(normalise('中'), '中');
    }
}
