//! schema.org JSON-LD for each content page: a `LearningResource` aligned to its competencies,
//! so search engines and catalog tools can read what the page teaches.

use serde_json::{Value, json};

use crate::guide::{Guide, Page};
use crate::url;

/// Minutes as an ISO 8601 duration: 85 → `PT1H25M`.
pub fn iso_duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("PT{m}M"),
        (h, 0) => format!("PT{h}H"),
        (h, m) => format!("PT{h}H{m}M"),
    }
}

/// The page's JSON-LD document, ready to sit inside a `<script>` element.
pub fn learning_resource(guide: &Guide, page: &Page) -> String {
    let config = &guide.config;
    let base = config.base_url.as_deref();
    let mut doc = json!({
        "@context": "https://schema.org",
        "@type": "LearningResource",
        "name": page.front.title,
        "inLanguage": config.language,
        "isPartOf": { "@type": "CreativeWork", "name": config.title },
    });
    let object = doc.as_object_mut().expect("a JSON object");
    if let Some(summary) = page
        .front
        .summary
        .as_deref()
        .or(config.description.as_deref())
    {
        object.insert("description".into(), json!(summary));
    }
    if let Some(base) = base {
        object.insert(
            "url".into(),
            json!(format!("{base}{}", url::pretty(&page.url))),
        );
    }
    if let Some(updated) = &page.front.updated {
        object.insert("dateModified".into(), json!(updated));
    }
    let alignments = alignments(guide, page);
    if !alignments.is_empty() {
        object.insert("educationalAlignment".into(), Value::Array(alignments));
    }
    if let Some(time) = page.front.time {
        let minutes = time.read.unwrap_or(0) + time.activity.unwrap_or(0);
        if minutes > 0 {
            object.insert("timeRequired".into(), json!(iso_duration(minutes)));
        }
    }
    if let Some(audience) = page
        .front
        .taxonomies
        .get("audience")
        .filter(|a| !a.is_empty())
    {
        let audiences: Vec<Value> = audience
            .iter()
            .map(|role| json!({ "@type": "EducationalAudience", "educationalRole": role }))
            .collect();
        object.insert("audience".into(), Value::Array(audiences));
    }
    script_safe(&serde_json::to_string(&doc).unwrap_or_default())
}

/// What the page teaches: an `AlignmentObject` for each competency it develops.
fn alignments(guide: &Guide, page: &Page) -> Vec<Value> {
    let catalog = &guide.catalog;
    let base = guide.config.base_url.as_deref();
    page.competencies
        .iter()
        .map(|&c| {
            let competency = &catalog.competencies[c];
            let mut alignment = json!({
                "@type": "AlignmentObject",
                "alignmentType": "teaches",
                "educationalFramework": catalog.frameworks[competency.framework].title,
                "targetName": competency.name,
            });
            if let Some(base) = base {
                alignment["targetUrl"] = json!(format!(
                    "{base}{}",
                    url::pretty(&crate::generated::competency_url(&competency.id))
                ));
            }
            alignment
        })
        .collect()
}

/// JSON text that can sit inside a `<script>` element: `<` and `>` written as escapes, so no
/// `</script>` ends it and no `<!--` makes the browser read the rest of the page as script;
/// `&` too, and U+2028 and U+2029, which older JavaScript reads as line breaks. These
/// characters only occur inside JSON strings, where the escapes mean the same.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_iso_8601() {
        assert_eq!(iso_duration(25), "PT25M");
        assert_eq!(iso_duration(60), "PT1H");
        assert_eq!(iso_duration(85), "PT1H25M");
    }

    #[test]
    fn script_text_is_escaped_and_means_the_same() {
        let json = serde_json::to_string(
            &json!({"name": "Avoid <!--<script> & </script>\u{2028}\u{2029}"}),
        )
        .unwrap();
        let safe = script_safe(&json);
        for bad in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            assert!(!safe.contains(bad), "{bad:?} in {safe}");
        }
        assert_eq!(
            serde_json::from_str::<Value>(&safe).unwrap(),
            serde_json::from_str::<Value>(&json).unwrap()
        );
    }
}
