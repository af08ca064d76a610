//! Shared harness for the end-to-end tests (`tests/e2e_*.rs`).
//!
//! Each test binary includes this with `mod common;` and uses only part of
//! it, so unused helpers are expected here.
#![allow(dead_code)]

pub mod screen;
pub mod tmux;
