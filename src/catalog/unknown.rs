//! The errors for ids a page or a resource names that the catalog does not have, with the
//! nearest id as a hint.

use super::entries::{COMPETENCIES_FILE, Catalog, DataFile, RESOURCES_FILE};
use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::yaml::Place;

/// An error for a competency id that does not exist, placed at the id, written at `place`
/// of `text`.
pub fn unknown_competency(
    catalog: &Catalog,
    id: &str,
    file: &str,
    text: &str,
    place: Place,
) -> Diagnostic {
    competency_not_found(catalog, id).in_file(file).at_offset(
        text,
        place.line,
        place.column,
        place.offset,
    )
}

/// The error and hint for a competency id that does not exist, not yet placed.
pub(super) fn competency_not_found(catalog: &Catalog, id: &str) -> Diagnostic {
    let hint = match did_you_mean(id, catalog.competency_ids()) {
        Some(near) => format!("did you mean `{near}`?"),
        None if (catalog.competencies_file == DataFile::Missing) => format!(
            "competencies are declared in content/{COMPETENCIES_FILE}, which does not exist"
        ),
        None => format!("competency ids are declared in content/{COMPETENCIES_FILE}"),
    };
    Diagnostic::error(
        Code::UnknownCompetency,
        format!("there is no competency `{id}`"),
    )
    .with_hint(hint)
}

/// An error for a resource id that does not exist, placed at the id, written at `place` of
/// `text`.
pub fn unknown_resource(
    catalog: &Catalog,
    id: &str,
    file: &str,
    text: &str,
    place: Place,
) -> Diagnostic {
    let hint = match did_you_mean(id, catalog.resource_ids()) {
        Some(near) => format!("did you mean `{near}`?"),
        None if (catalog.resources_file == DataFile::Missing) => {
            format!("resources are declared in content/{RESOURCES_FILE}, which does not exist")
        }
        None => format!(
            "resource ids are declared in content/{RESOURCES_FILE}; or write the resource in place as `{{title, url, kind}}`"
        ),
    };
    Diagnostic::error(
        Code::UnknownResource,
        format!("there is no resource `{id}`"),
    )
    .in_file(file)
    .at_offset(text, place.line, place.column, place.offset)
    .spanning(id.len())
    .with_hint(hint)
}
