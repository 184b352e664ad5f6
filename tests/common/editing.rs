//! Helpers shared by the tests of the commands that edit a profile
//! (`cli_log`, `cli_renew`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::cargo::cargo_bin_cmd;

pub fn certcheck() -> assert_cmd::Command {
    cargo_bin_cmd!("certcheck")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh folder holding `p.toml` with `text`.
pub fn profile(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.toml");
    fs::write(&path, text).expect("write");
    (dir, path)
}

/// The folder's files other than `p.toml`: an edit must leave no lock and
/// no temporary file behind.
pub fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "p.toml")
        .collect();
    names.sort();
    names
}
