//! The shape of the code: modules depend on each other one way only, and the stages on the
//! ones before them. Read from the source files, so a new `use` that goes the wrong way
//! fails here with the modules it joins.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The stages in the order they run (with `guide`, what linking makes, and `search`, the
/// index rendering writes), then what runs them; each may use only those before it and the
/// leaf modules, which use no stage. `cmd` is on top of all.
const STAGES: [&str; 14] = [
    "config", "theme", "load", "parse", "catalog", "guide", "link", "search", "render", "output",
    "build", "check", "serve", "sample",
];

/// Every module of `src/` (`render::context`), with the modules its code names, tests left out.
fn modules() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut texts = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.expect("src/ is readable");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path.strip_prefix(&src).expect("under src/");
        // A file of unit tests (`mod tests;`) is not part of the shape.
        if path.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let name = module_name(&relative.to_string_lossy());
        if !name.is_empty() {
            let text = std::fs::read_to_string(path).expect("a readable source file");
            texts.insert(name, without_tests(&text).to_string());
        }
    }
    let names: BTreeSet<String> = texts.keys().cloned().collect();
    texts
        .iter()
        .map(|(name, text)| (name.clone(), uses(name, text, &names)))
        .collect()
}

/// `render/mod.rs` → `render`, `render/context.rs` → `render::context`; `lib.rs`, `main.rs` → "".
fn module_name(relative: &str) -> String {
    let path = relative.trim_end_matches(".rs").replace('\\', "/");
    let path = path.strip_suffix("/mod").unwrap_or(&path);
    match path {
        "lib" | "main" => String::new(),
        _ => path.replace('/', "::"),
    }
}

/// The text before the unit tests (kept at the end of a file, by this project's habit).
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]\nmod tests")
        .map_or(text, |end| &text[..end])
}

/// The modules `text` (the code of module `name`) refers to, other than itself and its own
/// submodules' submodules: `crate::a::b::Item` names `a::b`, `super::x` the sibling `x` or,
/// when `x` is an item, the parent, and `child::Item` a submodule it declares.
fn uses(name: &str, text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let parent = name.rsplit_once("::").map_or("", |(p, _)| p);
    let mut found = BTreeSet::new();
    for path in paths(text) {
        let mut parts: Vec<&str> = path.split("::").collect();
        let mut full: Vec<String> = match parts.first().copied() {
            Some("crate") => Vec::new(),
            Some("super") => split(parent),
            Some("self") => split(name),
            Some(first) if modules.contains(&join(name, first)) => split(name),
            _ => continue,
        };
        if matches!(parts.first().copied(), Some("crate" | "super" | "self")) {
            parts.remove(0);
        }
        // The longest prefix that is a module.
        let mut target = full.join("::");
        for part in parts {
            full.push(part.to_string());
            let candidate = full.join("::");
            if modules.contains(&candidate) {
                target = candidate;
            } else {
                break;
            }
        }
        if !target.is_empty() && target != name {
            found.insert(target);
        }
    }
    found
}

fn split(name: &str) -> Vec<String> {
    name.split("::")
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect()
}

fn join(name: &str, child: &str) -> String {
    if name.is_empty() {
        child.to_string()
    } else {
        format!("{name}::{child}")
    }
}

/// Every `a::b::c` path written in `text`, with `use` groups (`use crate::{a, b::c}`) spread
/// out; comments are left out.
fn paths(text: &str) -> Vec<String> {
    let code: String = text
        .lines()
        .map(|line| match line.find("//") {
            Some(n) => &line[..n],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let starts_word = at == 0 || !is_ident(bytes[at - 1]) && bytes[at - 1] != b':';
        if starts_word && is_ident(bytes[at]) {
            let (found, end) = path_at(&code, at, "");
            out.extend(found);
            at = end.max(at + 1);
        } else {
            at += 1;
        }
    }
    out
}

/// The paths of the path expression starting at `at` (several when it has a `{…}` group),
/// each prefixed by `prefix`, and where it ends.
fn path_at(code: &str, at: usize, prefix: &str) -> (Vec<String>, usize) {
    let bytes = code.as_bytes();
    let mut end = at;
    while end < bytes.len() && (is_ident(bytes[end]) || code[end..].starts_with("::")) {
        end += if bytes[end] == b':' { 2 } else { 1 };
    }
    let written = code[at..end].trim_end_matches("::");
    let full = format!("{prefix}{written}");
    if code[end..].starts_with('{') && code[at..end].ends_with("::") {
        let mut out = Vec::new();
        let mut inner = end + 1;
        loop {
            while inner < bytes.len() && matches!(bytes[inner], b' ' | b'\n' | b',' | b'\t') {
                inner += 1;
            }
            if inner >= bytes.len() || bytes[inner] == b'}' {
                return (out, inner + 1);
            }
            let (found, next) = path_at(code, inner, &format!("{full}::"));
            out.extend(found);
            inner = next.max(inner + 1);
        }
    }
    let paths = if written.contains("::") || !prefix.is_empty() {
        vec![full]
    } else {
        Vec::new()
    };
    (paths, end)
}

fn is_ident(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// Groups of modules that reach each other through their uses (Tarjan's algorithm).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        groups: Vec<Vec<String>>,
    }
    fn visit<'a>(walk: &mut Walk<'a>, node: &'a str) {
        let n = walk.index.len();
        walk.index.insert(node, n);
        walk.low.insert(node, n);
        walk.stack.push(node);
        for next in walk.graph.get(node).into_iter().flatten() {
            if !walk.index.contains_key(next.as_str()) {
                visit(walk, next);
                let low = walk.low[node].min(walk.low[next.as_str()]);
                walk.low.insert(node, low);
            } else if walk.stack.contains(&next.as_str()) {
                let low = walk.low[node].min(walk.index[next.as_str()]);
                walk.low.insert(node, low);
            }
        }
        if walk.low[node] == walk.index[node] {
            let mut group = Vec::new();
            while let Some(top) = walk.stack.pop() {
                group.push(top.to_string());
                if top == node {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                walk.groups.push(group);
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        groups: Vec::new(),
    };
    for node in graph.keys() {
        if !walk.index.contains_key(node.as_str()) {
            visit(&mut walk, node);
        }
    }
    walk.groups
}

#[test]
fn no_two_modules_depend_on_each_other() {
    let graph = modules();
    assert!(graph.contains_key("render") && graph.contains_key("link"));
    let found = cycles(&graph);
    let shown: Vec<String> = found.iter().map(|group| group.join(" ↔ ")).collect();
    assert!(
        found.is_empty(),
        "modules in a cycle:\n{}",
        shown.join("\n")
    );
}

#[test]
fn each_stage_uses_only_the_stages_before_it() {
    let graph = modules();
    let stage_of = |module: &str| {
        let top = module.split("::").next().unwrap_or(module);
        STAGES.iter().position(|s| *s == top)
    };
    let mut wrong = Vec::new();
    for (module, used) in &graph {
        let Some(stage) = stage_of(module) else {
            // A leaf module: it may use no stage at all (`cmd`, the top, is not a leaf).
            if module.split("::").next() != Some("cmd") {
                wrong.extend(
                    used.iter()
                        .filter(|u| stage_of(u).is_some() || u.starts_with("cmd"))
                        .map(|u| format!("{module} (a leaf) uses {u}")),
                );
            }
            continue;
        };
        for other in used {
            if stage_of(other).is_some_and(|s| s > stage) || other.starts_with("cmd") {
                wrong.push(format!("{module} uses {other}, which comes after it"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_reader_finds_uses_written_every_way() {
    let modules: BTreeSet<String> = ["render", "render::context", "render::print", "url", "guide"]
        .map(String::from)
        .into();
    let text = "use crate::{url, guide::{Guide, Page}};\nuse super::print;\n// crate::cmd\nfn f() { crate::url::join(); }";
    let found = uses("render::context", text, &modules);
    assert_eq!(
        found,
        ["guide", "render::print", "url"].map(String::from).into()
    );
    let parent = uses(
        "render",
        "mod print;\nfn f() { print::edition(); }",
        &modules,
    );
    assert_eq!(parent, ["render::print"].map(String::from).into());
    let child = uses("render::print", "use super::Site;", &modules);
    assert_eq!(child, ["render"].map(String::from).into());
}
