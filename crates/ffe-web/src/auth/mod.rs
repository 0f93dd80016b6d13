//! Who is calling: sessions, login and logout, CSRF.
//!
//! A session holds the user id, the login time (for the absolute timeout), the last-seen time (to
//! extend the idle timeout at most once a minute, sparing the database a write per request) and the
//! CSRF token. Rights are recomputed from the account on every request ([`Caller`]).

mod caller;
pub mod csrf;
mod login;
mod request;

pub use caller::{Caller, MaybeCaller};
pub use login::{log_in, log_out};
pub use request::RequestCtx;

/// Session keys.
pub(crate) mod keys {
    pub const USER_ID: &str = "uid";
    pub const LOGIN_AT: &str = "login_at";
    pub const SEEN_AT: &str = "seen_at";
    pub const CSRF: &str = "csrf";
}

/// A fresh random token (CSRF), 256 bits, hex.
pub(crate) fn random_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}
