//! docs/diagnostics.md lists every diagnostic code the program has, and no other, each with an
//! example; the examples that name their files are run and report what the page shows.

use guidewright::diagnostic::Code;

use crate::common::{Guide, repo, text};

/// One `### `code`` section of the page: its code and its fenced blocks (info string, body).
struct Section {
    code: String,
    blocks: Vec<(String, String)>,
}

fn sections() -> Vec<Section> {
    let page = std::fs::read_to_string(repo().join("docs/diagnostics.md")).unwrap();
    let mut sections: Vec<Section> = Vec::new();
    let mut lines = page.lines();
    while let Some(line) = lines.next() {
        if let Some(code) = line.strip_prefix("### `").and_then(|l| l.strip_suffix('`')) {
            let code = code.to_string();
            sections.push(Section {
                code,
                blocks: Vec::new(),
            });
        } else if let Some(info) = line.strip_prefix("```") {
            let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
            if let Some(section) = sections.last_mut() {
                section
                    .blocks
                    .push((info.to_string(), body.join("\n") + "\n"));
            }
        }
    }
    sections
}

#[test]
fn every_code_is_listed_once_with_an_example() {
    let listed: Vec<String> = sections().iter().map(|s| s.code.clone()).collect();
    let codes: Vec<String> = Code::ALL.iter().map(|c| c.as_str().to_string()).collect();
    assert_eq!(
        listed, codes,
        "docs/diagnostics.md lists the codes of Code::ALL, in order"
    );
    for section in sections() {
        assert!(
            !section.blocks.is_empty(),
            "{} has no example",
            section.code
        );
    }
}

#[test]
fn each_meaning_is_the_one_the_code_gives() {
    let page = std::fs::read_to_string(repo().join("docs/diagnostics.md")).unwrap();
    for code in Code::ALL {
        let heading = format!("### `{code}`\n\n{}\n", code.meaning());
        assert!(page.contains(&heading), "{code}: {}", code.meaning());
    }
}

#[test]
fn the_examples_report_what_the_page_shows() {
    let mut run = 0;
    for section in sections() {
        let files: Vec<_> = section
            .blocks
            .iter()
            .filter_map(|(info, body)| Some((info.split_once(" file=")?.1, body)))
            .collect();
        if files.is_empty() {
            continue;
        }
        let guide = Guide::minimal();
        for (path, body) in files {
            guide.write(path, body);
        }
        let (_, shown) = section
            .blocks
            .iter()
            .find(|(info, _)| info == "json")
            .unwrap();
        let shown: serde_json::Value = serde_json::from_str(shown).unwrap();
        let output = guide.run(&["check", "--format", "json"]);
        let reported: serde_json::Value = serde_json::from_str(&text(&output).0).unwrap();
        assert!(
            reported.as_array().unwrap().contains(&shown),
            "{}: {reported:#}",
            section.code
        );
        run += 1;
    }
    assert!(run >= 20, "only {run} examples ran");
}
