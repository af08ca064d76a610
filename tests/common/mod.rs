//! Shared harness for the tests that run the real binary: the tmux
//! end-to-end tests (`tests/e2e_*.rs`) and the command-line tests.
//!
//! Each test binary includes this with `mod common;` and uses only part of
//! it, so unused helpers are expected here.
#![allow(dead_code)]

pub mod cli;
pub mod screen;
pub mod tmux;
