//! Passwords: argon2id hashing and the password policy (basic, or the MLPS level-3 profile).

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
use serde::{Deserialize, Serialize};

use crate::error::StoreError;

/// Hash and verify with argon2id at the crate's defaults (m = 19 MiB, t = 2, p = 1). Both are slow on
/// purpose (~30 ms): call them from a blocking thread.
#[derive(Debug, Clone, Copy, Default)]
pub struct Passwords;

/// A valid hash of a password nobody has: verifying against it costs the same as a real check, so a
/// login for an unknown user takes as long as one for a known user.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$LnJuF3rQpmbWSCF10fSjqXLEoj0j1mkTq7gpp+4IMVc";

impl Passwords {
    pub fn hash(&self, password: &str) -> Result<String, StoreError> {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| StoreError::Hash(e.to_string()))
    }

    /// Whether the password matches the stored hash; a malformed hash never matches.
    pub fn verify(&self, password: &str, hash: &str) -> bool {
        Argon2::default()
            .verify_password(password.as_bytes(), hash)
            .is_ok()
    }

    /// Spend the time of a verification without a real account.
    pub fn verify_dummy(&self, password: &str) {
        let _ = self.verify(password, DUMMY_HASH);
    }
}

/// Which rules a new password must meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PasswordPolicy {
    /// At least 8 characters.
    Basic,
    /// 网络安全等级保护第三级 (MLPS level 3): at least 8 characters from at least 3 of the 4
    /// classes (upper case, lower case, digits, symbols), not containing the username.
    #[default]
    Mlps3,
}

/// A rule a password breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyViolation {
    TooShort { min: usize },
    TooLong { max: usize },
    TooFewClasses { need: usize, have: usize },
    ContainsUsername,
}

impl PolicyViolation {
    pub fn message_zh(&self) -> String {
        match self {
            PolicyViolation::TooShort { min } => format!("密码至少需要 {min} 个字符。"),
            PolicyViolation::TooLong { max } => format!("密码不能超过 {max} 个字符。"),
            PolicyViolation::TooFewClasses { need, have } => format!(
                "密码需包含大写字母、小写字母、数字、符号中的至少 {need} 类（当前 {have} 类）。"
            ),
            PolicyViolation::ContainsUsername => "密码不能包含用户名。".to_owned(),
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            PolicyViolation::TooShort { min } => format!("At least {min} characters."),
            PolicyViolation::TooLong { max } => format!("At most {max} characters."),
            PolicyViolation::TooFewClasses { need, have } => format!(
                "Use at least {need} of: upper case, lower case, digits, symbols (now {have})."
            ),
            PolicyViolation::ContainsUsername => "Must not contain the username.".to_owned(),
        }
    }
}

const MIN_LEN: usize = 8;
/// Bounds the hashing work an attacker can ask for.
const MAX_LEN: usize = 128;

impl PasswordPolicy {
    pub fn check(self, password: &str, username: &str) -> Result<(), Vec<PolicyViolation>> {
        let mut problems = Vec::new();
        let len = password.chars().count();
        if len < MIN_LEN {
            problems.push(PolicyViolation::TooShort { min: MIN_LEN });
        }
        if len > MAX_LEN {
            problems.push(PolicyViolation::TooLong { max: MAX_LEN });
        }
        if self == PasswordPolicy::Mlps3 {
            let classes = [
                password.chars().any(|c| c.is_uppercase()),
                password.chars().any(|c| c.is_lowercase()),
                password.chars().any(|c| c.is_ascii_digit()),
                password
                    .chars()
                    .any(|c| !c.is_alphanumeric() && !c.is_whitespace()),
            ];
            let have = classes.iter().filter(|b| **b).count();
            if have < 3 {
                problems.push(PolicyViolation::TooFewClasses { need: 3, have });
            }
            let user = username.trim().to_lowercase();
            if user.chars().count() >= 3 && password.to_lowercase().contains(&user) {
                problems.push(PolicyViolation::ContainsUsername);
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let p = Passwords;
        let h = p.hash("demo1234!").unwrap();
        assert!(h.starts_with("$argon2id$v=19$"));
        assert!(p.verify("demo1234!", &h));
        assert!(!p.verify("demo1234?", &h));
        assert!(!p.verify("demo1234!", "not a hash"));
        assert_ne!(h, p.hash("demo1234!").unwrap(), "salted");
        assert!(!p.verify("x", DUMMY_HASH));
    }

    #[test]
    fn mlps3_needs_length_and_three_classes() {
        let m = PasswordPolicy::Mlps3;
        assert!(m.check("demo1234!", "ent1").is_ok());
        assert!(m.check("Abcdefg1", "ent1").is_ok());
        assert_eq!(
            m.check("abcdefgh1", "x").unwrap_err(),
            vec![PolicyViolation::TooFewClasses { need: 3, have: 2 }]
        );
        assert!(
            m.check("Ab1!", "x")
                .unwrap_err()
                .contains(&PolicyViolation::TooShort { min: 8 })
        );
        assert!(
            m.check("Alice#2026", "alice")
                .unwrap_err()
                .contains(&PolicyViolation::ContainsUsername)
        );
        assert!(PasswordPolicy::Basic.check("abcdefgh", "x").is_ok());
        assert!(PasswordPolicy::Basic.check("abc", "x").is_err());
    }

    proptest! {
        #[test]
        fn short_passwords_always_fail(pw in ".{0,7}") {
            prop_assert!(PasswordPolicy::Mlps3.check(&pw, "u").is_err());
            prop_assert!(PasswordPolicy::Basic.check(&pw, "u").is_err());
        }

        #[test]
        fn every_violation_has_chinese_text(pw in ".{0,20}", user in "[a-z]{0,6}") {
            if let Err(v) = PasswordPolicy::Mlps3.check(&pw, &user) {
                for p in v {
                    prop_assert!(p.message_zh().contains('密'));
                }
            }
        }
    }
}
