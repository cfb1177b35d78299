//! Valid HTML: the Nu HTML Checker (`vnu-jar` from the npm registry, run on the machine's
//! Java) reports zero errors on every page the sample guide and the fixture guides produce —
//! home, sections, pages, competency index and pages, resource library, taxonomy listings,
//! search, print, 404 and the alias redirects.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::Guide;
use crate::common::skip::skipped;

/// One message of the checker.
struct Finding {
    file: String,
    line: u64,
    column: u64,
    message: String,
}

/// Runs the checker over `folders` (every `.html` file in them); returns its errors, or
/// `None` when the checker is not installed outside CI.
fn check(folders: &[PathBuf]) -> Option<Vec<Finding>> {
    let jar = crate::common::npm::package_file("vnu-jar/build/dist/vnu.jar")?;
    let output = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html", "--format", "json"])
        .args(folders)
        .output();
    let output = match output {
        Ok(output) => output,
        Err(e) => {
            skipped(&format!("java is needed for the Nu HTML Checker: {e}"));
            return None;
        }
    };
    // The report goes to stderr; the exit status only says whether there were errors.
    let report: serde_json::Value = serde_json::from_slice(&output.stderr).unwrap_or_else(|e| {
        panic!(
            "the checker's report is JSON ({e}):\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let findings = report["messages"]
        .as_array()
        .expect("a list of messages")
        .iter()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| Finding {
            file: m["url"].as_str().unwrap_or("?").to_string(),
            line: m["lastLine"].as_u64().unwrap_or(0),
            column: m["firstColumn"]
                .as_u64()
                .or(m["lastColumn"].as_u64())
                .unwrap_or(0),
            message: m["message"].as_str().unwrap_or("?").to_string(),
        })
        .collect();
    assert!(
        output.status.success() || output.status.code() == Some(1),
        "the checker ran: {output:?}"
    );
    Some(findings)
}

fn report(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| format!("{}:{}:{}: {}", f.file, f.line, f.column, f.message))
        .collect::<Vec<_>>()
        .join("\n")
}

fn html_files(folder: &Path) -> Vec<String> {
    crate::common::html_files(folder)
        .iter()
        .map(|path| {
            let path = path.strip_prefix(folder).unwrap();
            path.to_string_lossy().replace('\\', "/")
        })
        .collect()
}

#[test]
fn every_page_of_the_sample_and_the_fixtures_is_valid_html() {
    let sample = Guide::sample();
    sample.build_ok();
    let fixtures: Vec<Guide> = ["navigation", "catalog", "nested"]
        .into_iter()
        .map(|name| {
            let guide = Guide::fixture(name);
            guide.build_ok();
            guide
        })
        .collect();

    // Every page type is among the files checked.
    let pages = html_files(&sample.public());
    for page_type in [
        "index.html",
        "404.html",
        "print/index.html",
        "search/index.html",
        "competencies/index.html",
        "resources/index.html",
    ] {
        assert!(pages.iter().any(|p| p == page_type), "{page_type} is built");
    }
    for (what, prefix) in [
        ("a competency page", "competencies/"),
        ("a taxonomy value", "audience/"),
    ] {
        assert!(
            pages
                .iter()
                .any(|p| p.starts_with(prefix) && p.matches('/').count() == 2),
            "{what} is built"
        );
    }
    assert!(pages.len() > 100, "{} pages", pages.len());

    let mut folders = vec![sample.public()];
    folders.extend(fixtures.iter().map(Guide::public));
    let Some(findings) = check(&folders) else {
        return;
    };
    assert!(
        findings.is_empty(),
        "{} HTML errors:\n{}",
        findings.len(),
        report(&findings)
    );
}

/// The check is real: markup the checker must reject is rejected, and named by file and line.
#[test]
fn the_checker_reports_invalid_markup_from_a_template_override() {
    let guide = Guide::minimal();
    guide.write(
        "templates/index.html",
        "<!doctype html>\n<html lang=\"en\">\n<head><title>{{ page.title }}</title></head>\n\
         <body>\n<p><div>{{ page.title }}</p>\n</body>\n</html>\n",
    );
    guide.build_ok();
    let Some(findings) = check(&[guide.public()]) else {
        return;
    };
    assert!(!findings.is_empty(), "the checker found the stray </p>");
    assert!(
        findings
            .iter()
            .all(|f| f.file.ends_with("/public/index.html")),
        "{}",
        report(&findings)
    );
    assert!(
        findings
            .iter()
            .any(|f| f.line == 5 && f.message.contains("“p”")),
        "{}",
        report(&findings)
    );
}
