//! The layers of docs/architecture.md, enforced: a module never imports a
//! module that imports it back, and a layer never uses a layer above it.
//!
//! The test reads `src/` as text: every `crate::…` and `super::…` path,
//! in `use` declarations and inline, in normal and test code alike (a
//! `tests.rs` file counts as part of the module it tests), is resolved to
//! the file-level module it names (`eval::whatif`, `report::ics`). A module
//! and its own submodules may use each other (a parent declares its
//! children, a child uses its parent's types); any other pair may not.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The layers, highest first. A module may use its own layer and those
/// below it, never one above. Every top-level module must be listed.
const LAYERS: &[&[&str]] = &[
    &["cli"],
    &["report"],
    &["screen", "cases", "import"],
    &["eval"],
    &["profile", "schema"],
    &["test_support"],
    &["rules"],
    &["dates", "units", "error", "input", "scan", "atomic", "show"],
];

/// The layers that must not use the command line or the renderers.
const NO_CLI_OR_REPORT: &[&str] = &["eval", "rules", "profile"];

type Module = Vec<String>;

fn name(m: &[String]) -> String {
    if m.is_empty() {
        "crate".to_string()
    } else {
        m.join("::")
    }
}

/// `src/a/b.rs` and `src/a/b/mod.rs` are `a::b`; `src/lib.rs` is the root.
fn module_of(rel: &Path) -> Module {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if !(stem == "mod" || (parts.is_empty() && stem == "lib")) {
        parts.push(stem.to_string());
    }
    parts
}

/// A `tests` submodule in a file of its own is part of the module it tests.
fn fold_tests(mut m: Module) -> Module {
    if m.last().is_some_and(|s| s == "tests") {
        m.pop();
    }
    m
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The source with comments, strings and character literals blanked out
/// (newlines kept), so that braces and paths in them are not code.
fn code_only(src: &str) -> Vec<char> {
    let s: Vec<char> = src.chars().collect();
    let mut out = s.clone();
    let mut i = 0;
    while i < s.len() {
        let next = s.get(i + 1).copied();
        let end = match (s[i], next) {
            ('/', Some('/')) => (i..s.len()).find(|&j| s[j] == '\n').unwrap_or(s.len()),
            ('/', Some('*')) => block_comment_end(&s, i),
            ('"', _) => string_end(&s, i),
            // a character literal, not a lifetime
            ('\'', Some('\\')) => (i + 2..s.len()).find(|&j| s[j] == '\'').unwrap_or(s.len()) + 1,
            ('\'', _) if s.get(i + 2) == Some(&'\'') => i + 3,
            _ => {
                i += 1;
                continue;
            }
        };
        let end = end.min(s.len());
        for c in &mut out[i..end] {
            if *c != '\n' {
                *c = ' ';
            }
        }
        i = end;
    }
    out
}

/// Where the block comment opening at `i` ends (they nest).
fn block_comment_end(s: &[char], i: usize) -> usize {
    let mut depth = 0;
    let mut j = i;
    while j < s.len() {
        if s[j] == '/' && s.get(j + 1) == Some(&'*') {
            depth += 1;
            j += 2;
        } else if s[j] == '*' && s.get(j + 1) == Some(&'/') {
            depth -= 1;
            j += 2;
            if depth == 0 {
                break;
            }
        } else {
            j += 1;
        }
    }
    j
}

/// Where the string whose opening quote is at `i` ends: a plain one with
/// escapes, or a raw one (`r"…"`, `r#"…"#`, `br#"…"#`).
fn string_end(s: &[char], i: usize) -> usize {
    let mut k = i;
    while k > 0 && s[k - 1] == '#' {
        k -= 1;
    }
    let hashes = i - k;
    let before_r = |n: usize| k < n || !is_ident(s[k - n]);
    let raw = k > 0 && s[k - 1] == 'r' && (before_r(2) || (s[k - 2] == 'b' && before_r(3)));
    let mut j = i + 1;
    if raw {
        while j < s.len() {
            if s[j] == '"' && (1..=hashes).all(|h| s.get(j + h) == Some(&'#')) {
                return j + 1 + hashes;
            }
            j += 1;
        }
        return j;
    }
    while j < s.len() && s[j] != '"' {
        j += if s[j] == '\\' { 2 } else { 1 };
    }
    j + 1
}

/// Reads a path tree at `s[*i..]`: `a::b::{c, d::e, f::*}`, appending each
/// full path (after `prefix`) to `out`.
fn path_tree(s: &[char], i: &mut usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let skip_ws = |i: &mut usize| {
        while *i < s.len() && s[*i].is_whitespace() {
            *i += 1;
        }
    };
    let mut path = prefix;
    loop {
        skip_ws(i);
        if *i < s.len() && s[*i] == '{' {
            *i += 1;
            loop {
                skip_ws(i);
                if *i >= s.len() || s[*i] == '}' {
                    *i += 1;
                    return;
                }
                path_tree(s, i, path.clone(), out);
                skip_ws(i);
                if *i < s.len() && s[*i] == ',' {
                    *i += 1;
                }
            }
        }
        let start = *i;
        while *i < s.len() && (is_ident(s[*i]) || s[*i] == '*') {
            *i += 1;
        }
        if *i > start {
            path.push(s[start..*i].iter().collect());
        }
        skip_ws(i);
        if s.get(*i) == Some(&':') && s.get(*i + 1) == Some(&':') {
            *i += 2;
        } else {
            out.push(path);
            return;
        }
    }
}

/// Every module path named in `src` (code only), resolved from `here`:
/// each as written, `crate::…` and `super::…` made absolute.
fn paths_named(code: &[char], here: &Module) -> Vec<Module> {
    let mut found = Vec::new();
    // inline modules (`mod tests { … }`) and the brace depth they open at
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < code.len() {
        let c = code[i];
        let starts_word = i == 0 || !(is_ident(code[i - 1]) || code[i - 1] == ':');
        if c == '{' {
            depth += 1;
            i += 1;
        } else if c == '}' {
            depth = depth.saturating_sub(1);
            if inline.last().is_some_and(|(_, d)| *d == depth) {
                inline.pop();
            }
            i += 1;
        } else if starts_word && word_at(code, i, "mod") {
            let mut j = i + 3;
            while j < code.len() && code[j].is_whitespace() {
                j += 1;
            }
            let start = j;
            while j < code.len() && is_ident(code[j]) {
                j += 1;
            }
            let name: String = code[start..j].iter().collect();
            while j < code.len() && code[j].is_whitespace() {
                j += 1;
            }
            if code.get(j) == Some(&'{') {
                inline.push((name, depth));
                depth += 1;
                j += 1;
            }
            i = j;
        } else if starts_word && (word_at(code, i, "crate") || word_at(code, i, "super")) {
            let mut current = here.clone();
            current.extend(inline.iter().map(|(n, _)| n.clone()));
            let mut raw = Vec::new();
            path_tree(code, &mut i, Vec::new(), &mut raw);
            for p in raw {
                if let Some(abs) = absolute(&p, &current) {
                    found.push(abs);
                }
            }
        } else {
            i += 1;
        }
    }
    found
}

fn word_at(s: &[char], i: usize, w: &str) -> bool {
    let n = w.chars().count();
    i + n <= s.len()
        && s[i..i + n].iter().copied().eq(w.chars())
        && s.get(i + n).is_none_or(|&c| !is_ident(c))
}

/// `crate::a::b` or `super::super::c` seen from `current`, made absolute;
/// `None` for a path that is neither (a bare `crate` or `super` word).
fn absolute(p: &[String], current: &Module) -> Option<Module> {
    let mut it = p.iter().peekable();
    let mut base = match it.peek().map(|s| s.as_str()) {
        Some("crate") => {
            it.next();
            Vec::new()
        }
        Some("super") => current.clone(),
        _ => return None,
    };
    while it.peek().is_some_and(|s| *s == "super") {
        it.next();
        base.pop()?;
    }
    base.extend(it.cloned());
    Some(base)
}

/// The file-level module `path` names: its longest prefix that is one.
fn resolve(path: &Module, modules: &BTreeSet<Module>) -> Module {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|m| modules.contains(m))
        .unwrap_or_default()
}

fn is_within(inner: &Module, outer: &Module) -> bool {
    inner.len() >= outer.len() && inner[..outer.len()] == outer[..]
}

/// Which module uses which: file-level modules, tests folded in, a
/// module's own ancestors and descendants left out.
fn graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let files: Vec<(Module, String)> = files
        .iter()
        .filter(|p| !p.ends_with("main.rs") && !p.starts_with(src.join("bin")))
        .map(|p| {
            let rel = p.strip_prefix(&src).unwrap();
            (module_of(rel), fs::read_to_string(p).unwrap())
        })
        .collect();
    let modules: BTreeSet<Module> = files.iter().map(|(m, _)| m.clone()).collect();
    let mut uses: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (module, text) in &files {
        let from = fold_tests(module.clone());
        let entry = uses.entry(from.clone()).or_default();
        for path in paths_named(&code_only(text), module) {
            let to = fold_tests(resolve(&path, &modules));
            if !is_within(&to, &from) && !is_within(&from, &to) {
                entry.insert(to);
            }
        }
    }
    uses
}

fn layer(m: &Module) -> usize {
    let top = m.first().map(String::as_str).unwrap_or("");
    LAYERS
        .iter()
        .position(|l| l.contains(&top))
        .unwrap_or_else(|| {
            panic!("`{top}` is in no layer: add it to LAYERS and docs/architecture.md")
        })
}

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let uses = graph();
    let mut cycles = Vec::new();
    for (from, tos) in &uses {
        for to in tos {
            if from < to && uses.get(to).is_some_and(|back| back.contains(from)) {
                cycles.push(format!("{} <-> {}", name(from), name(to)));
            }
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

/// Longer loops too: `a` uses `b`, `b` uses `c`, `c` uses `a`. Each
/// strongly connected group of modules (Tarjan's algorithm) must be a
/// single module.
#[test]
fn no_longer_import_loops() {
    let uses = graph();
    let edges: BTreeMap<&Module, Vec<&Module>> = uses
        .iter()
        .map(|(from, tos)| {
            let tos = tos.iter().collect();
            (from, tos)
        })
        .collect();
    let loops: Vec<String> = strongly_connected(&edges)
        .into_iter()
        .filter(|group| group.len() > 1)
        .map(|group| {
            group
                .iter()
                .map(|m| name(m))
                .collect::<Vec<_>>()
                .join(" -> ")
        })
        .collect();
    assert!(loops.is_empty(), "import loops:\n{}", loops.join("\n"));
}

/// The strongly connected components of `edges` (Tarjan, recursive: the
/// module graph is shallow).
fn strongly_connected<'m>(edges: &BTreeMap<&'m Module, Vec<&'m Module>>) -> Vec<Vec<&'m Module>> {
    struct State<'m> {
        index: BTreeMap<&'m Module, usize>,
        low: BTreeMap<&'m Module, usize>,
        stack: Vec<&'m Module>,
        groups: Vec<Vec<&'m Module>>,
    }
    fn visit<'m>(m: &'m Module, edges: &BTreeMap<&'m Module, Vec<&'m Module>>, st: &mut State<'m>) {
        let i = st.index.len();
        st.index.insert(m, i);
        st.low.insert(m, i);
        st.stack.push(m);
        for &to in edges.get(m).into_iter().flatten() {
            if !st.index.contains_key(to) {
                visit(to, edges, st);
                let low = st.low[m].min(st.low[to]);
                st.low.insert(m, low);
            } else if st.stack.contains(&to) {
                let low = st.low[m].min(st.index[to]);
                st.low.insert(m, low);
            }
        }
        if st.low[m] == st.index[m] {
            let mut group = Vec::new();
            while let Some(top) = st.stack.pop() {
                group.push(top);
                if top == m {
                    break;
                }
            }
            st.groups.push(group);
        }
    }
    let mut st = State {
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        groups: Vec::new(),
    };
    for &m in edges.keys() {
        if !st.index.contains_key(m) {
            visit(m, edges, &mut st);
        }
    }
    st.groups
}

#[test]
fn evaluator_rules_and_profiles_use_neither_cli_nor_report() {
    let uses = graph();
    let mut bad = Vec::new();
    for (from, tos) in &uses {
        let top = from.first().map(String::as_str).unwrap_or("");
        if !NO_CLI_OR_REPORT.contains(&top) {
            continue;
        }
        for to in tos {
            if matches!(to.first().map(String::as_str), Some("cli" | "report")) {
                bad.push(format!("{} uses {}", name(from), name(to)));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn no_layer_uses_a_higher_one() {
    let uses = graph();
    let mut bad = Vec::new();
    for (from, tos) in &uses {
        if from.is_empty() {
            continue; // lib.rs declares every module
        }
        for to in tos {
            if !to.is_empty() && layer(to) < layer(from) {
                bad.push(format!("{} uses {}, a higher layer", name(from), name(to)));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The reader finds what it must, so the tests above cannot pass by
/// finding nothing.
#[test]
fn the_reader_sees_imports_in_every_form() {
    let here: Module = vec!["eval".into(), "whatif".into()];
    let code = code_only(
        "use super::{Detail, exams::{self, X}};\n\
         // use crate::cli::args;\n\
         let s = \"crate::report::text\"; let c = '{'; let e = '\\'';\n\
         let r = r#\"crate::cli::{\"#; /* crate::report /* nested */ crate::cli */\n\
         fn f<'a>() { crate::dates::add_days(x) }\n\
         mod tests { use super::*; use crate::units::Units; }\n",
    );
    let found: Vec<String> = paths_named(&code, &here).iter().map(|m| name(m)).collect();
    assert_eq!(
        found,
        [
            "eval::Detail",
            "eval::exams::self",
            "eval::exams::X",
            "dates::add_days",
            "eval::whatif::*",
            "units::Units",
        ]
    );
    let uses = graph();
    let eval_uses = &uses[&vec!["eval".to_string()]];
    assert!(
        eval_uses.contains(&vec!["rules".to_string()]),
        "{eval_uses:?}"
    );
}

/// The loop finder finds a loop of three, and nothing else.
#[test]
fn the_loop_finder_finds_loops() {
    let m = |s: &str| -> Module { vec![s.to_string()] };
    let (a, b, c, d) = (m("a"), m("b"), m("c"), m("d"));
    let edges: BTreeMap<&Module, Vec<&Module>> = BTreeMap::from([
        (&a, vec![&b]),
        (&b, vec![&c]),
        (&c, vec![&a]),
        (&d, vec![&a]),
    ]);
    let mut groups: Vec<Vec<String>> = strongly_connected(&edges)
        .into_iter()
        .map(|g| {
            let mut g: Vec<String> = g.iter().map(|m| name(m)).collect();
            g.sort();
            g
        })
        .collect();
    groups.sort();
    assert_eq!(groups, [vec!["a", "b", "c"], vec!["d"]]);
}
