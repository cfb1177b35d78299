//! What an entry of a data file may hold: ids that make page addresses, and addresses that
//! are safe to publish.

use std::collections::HashMap;

use super::written::Data;
use crate::diagnostic::{Code, Diagnostic};
use crate::yaml::At;

/// Why an id is not usable, if it is not.
pub(super) fn id_problem(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        Some("an id is empty")
    } else if !id
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.')
    {
        Some("an id may hold only letters, digits, `-`, `_` and `.`")
    } else {
        None
    }
}

/// The competency pages claimed so far, by URL segment: each competency id must give its page
/// an address of its own (`..` or `_` give none, and would replace the competency index;
/// `TLMS_1` and `tlms-1` give one page).
#[derive(Default)]
pub(super) struct CompetencyPages {
    by_segment: HashMap<String, String>,
}

impl CompetencyPages {
    /// Claims the page of competency `id`; an error at its `id:` when it has no address of
    /// its own. Ids with another problem are not claimed (that problem is reported).
    pub fn claim(&mut self, written: &At<String>, data: &Data<'_>) -> Option<Diagnostic> {
        let id = written.value.as_str();
        if id_problem(id).is_some() {
            return None;
        }
        let segment = crate::url::segment(id);
        let problem = if segment.is_empty() {
            format!("the competency id `{id}` gives its page no address")
        } else if let Some(other) = self.by_segment.get(&segment) {
            format!(
                "the competencies `{other}` and `{id}` would both be published at {}",
                crate::url::pretty(&crate::generated::competency_url(id))
            )
        } else {
            self.by_segment.insert(segment, id.to_string());
            return None;
        };
        Some(
            data.at_value(written, problem).with_hint(
                "give each competency its own id with a letter or digit, e.g. `id: tlms-1`",
            ),
        )
    }
}

/// An error at a `url:` that is not an `https:`, `http:` or `mailto:` address; `file_key`
/// says the entry may name a guide file instead.
pub(super) fn web_address(url: &At<String>, data: &Data<'_>, file_key: bool) -> Option<Diagnostic> {
    let placed = |code, message: String, hint: String| {
        data.at(Diagnostic::error(code, message), url.place)
            .spanning(url.value.len())
            .with_hint(hint)
    };
    let url_text = url.value.as_str();
    if let Some((message, hint)) = crate::address::web_address_problem(url_text) {
        return Some(placed(Code::UnsafeAddress, message, hint));
    }
    let also = if file_key {
        ", or use `file:` for a file inside content/"
    } else {
        ""
    };
    (!crate::url::is_external(url_text)).then(|| {
        placed(
            Code::Catalog,
            format!("`{url_text}` is not a web address"),
            format!("write the full address, e.g. `https://…`{also}"),
        )
    })
}
