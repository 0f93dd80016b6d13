//! Black-box tests of the real server: every test starts its own app on a random port against a
//! fresh database (SQLite; PostgreSQL too when `FFE_TEST_DATABASE_URL` is set).

mod access_matrix;
mod auth;
mod bad_input;
mod batches;
mod health;
mod helpers;
mod pages;
mod registration;
mod self_assessment;
