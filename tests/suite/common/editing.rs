//! What the tests of the commands that edit a profile share (`cli_log`,
//! `cli_renew`, `edit_faults`).

use std::fs;
use std::path::{Path, PathBuf};

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
