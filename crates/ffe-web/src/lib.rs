//! ffe's web server: the pages, the JSON API under `/api/v1` (described at `/api/v1/openapi.json`),
//! authentication, CSRF, and the layers around them. `ffe serve` calls [`Server::start`] and
//! [`Server::run`]; the integration tests do the same on port 0.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo
    )
)]

pub mod api;
mod assets;
mod auth;
mod body_limit;
pub mod config;
mod demo;
mod error;
mod extract;
mod health;
mod i18n;
mod ops;
mod pages;
mod server;
mod state;

pub use config::{ConfigError, LogFormat, Secret, Settings};
pub use ffe_store::DEMO_PASSWORD;
pub use server::{Server, StartError};
