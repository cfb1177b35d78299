//! Terminal output never passes a control character from the guide through raw: escape
//! sequences in a page, a file name or a quoted value are shown, and the caret stays under
//! the place it points at.

use std::process::Output;

use crate::common::Guide;

/// The controls a terminal obeys: ESC, BEL, backspace, a lone CR, DEL and C1's CSI.
const LINE: &str =
    "Clear \u{1b}[2J\u{7} and \u{8}\r\u{7f} then [gone](missing.md) \u{9b}2J \u{85}end.";

/// Runs the real binary with no colour settings at all: its output is not a terminal.
fn run(guide: &Guide, args: &[&str]) -> Output {
    guide.command(args).env_remove("NO_COLOR").output().unwrap()
}

fn guide_with_controls() -> Guide {
    let guide = Guide::minimal();
    guide.write(
        "content/controls.md",
        format!("---\ntitle: Controls\n---\n{LINE}\n"),
    );
    guide.write(
        "content/quoted.md",
        "---\ntitle: Quoted\ncompetencies: [\"\\e[2J\\a\\x9b\"]\n---\nText.\n",
    );
    guide.write(
        "content/name\u{1b}[2J\u{7}.md",
        "---\ntitle: Named\n---\nSee [nothing](nothing.md).\n",
    );
    guide
}

/// Characters a terminal would obey: C0 but newline, DEL, and C1. The output is UTF-8 (its
/// own box drawing already is), so a byte 0x9b is CSI only outside a multi-byte character:
/// invalid UTF-8 is reported as such.
fn obeyed(bytes: &[u8]) -> Vec<String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return vec!["invalid UTF-8".into()];
    };
    text.chars()
        .filter(|&c| (c < ' ' && c != '\n') || ('\u{7f}'..='\u{9f}').contains(&c))
        .map(|c| format!("{c:?}"))
        .collect()
}

#[test]
fn diagnostics_show_control_characters_instead_of_obeying_them() {
    let guide = guide_with_controls();
    for args in [&["build"][..], &["check"][..]] {
        let output = run(&guide, args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert_eq!(obeyed(&output.stderr), Vec::<String>::new(), "{args:?}");
        assert_eq!(obeyed(&output.stdout), Vec::<String>::new(), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        // The place counts characters of the file, as before; the line shows stand-ins.
        let column = LINE[..LINE.find("missing.md").unwrap()].chars().count() + 1;
        assert!(
            stderr.contains(&format!("┌─ content/controls.md:4:{column}")),
            "{stderr}"
        );
        let shown = "Clear ␛[2J␇ and ␈␍␡ then [gone](missing.md) �2J �end.";
        let snippet = stderr
            .lines()
            .position(|l| l.ends_with(shown))
            .unwrap_or_else(|| panic!("{shown:?} missing from\n{stderr}"));
        // The caret is under the link target, one column per character.
        let lines: Vec<&str> = stderr.lines().collect();
        let source_at = lines[snippet].chars().count() - shown.chars().count();
        let caret = lines[snippet + 1].chars().position(|c| c == '^').unwrap();
        assert_eq!(caret, source_at + column - 1, "{stderr}");
        assert!(
            stderr.contains("there is no competency `␛[2J␇�`"),
            "{stderr}"
        );
        assert!(stderr.contains("content/name␛[2J␇.md"), "{stderr}");
    }
}

#[test]
fn json_output_escapes_every_control_character() {
    let guide = guide_with_controls();
    let output = run(&guide, &["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(obeyed(&output.stdout), Vec::<String>::new());
    let _: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    // The values are escaped, not dropped: JSON readers get the real characters back.
    let messages = String::from_utf8(output.stdout).unwrap();
    assert!(
        messages.contains("there is no competency `\\u001b[2J\\u0007\\u009b`"),
        "{messages}"
    );
}
