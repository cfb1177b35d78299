//! The one place that knows which YAML crate we use (serde-saphyr), so a swap stays a
//! one-module change. Every place a problem is reported at comes from the parser.

use serde::de::{Deserialize, DeserializeOwned, Deserializer};

mod error;
mod place;
mod value;

pub use error::{Problem, YamlError};
pub use place::Place;
pub use value::{Mapping, Value};

/// A value with the place where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct At<T> {
    pub value: T,
    pub place: Place,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        Ok(At {
            value: spanned.value,
            place: Place::of(spanned.referenced).unwrap_or_default(),
        })
    }
}

/// A value with where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// Where a value is written: its place and how many bytes of the text it spans (a block of
/// text over several lines, say).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Span {
    pub place: Place,
    pub len: usize,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let len = spanned.referenced.span().byte_len().unwrap_or(0);
        Ok(Spanned {
            value: spanned.value,
            span: Span {
                place: Place::of(spanned.referenced).unwrap_or_default(),
                len: usize::try_from(len).unwrap_or(0),
            },
        })
    }
}

impl Span {
    /// The place of the first `written` inside what this span covers of `text` (the YAML
    /// text it was read from), if it is written there.
    pub fn place_of(&self, text: &str, written: &str) -> Option<Place> {
        let start = self.place.offset;
        let spanned = text.get(start..start.checked_add(self.len)?)?;
        let at = spanned.find(written)?;
        let before = &spanned[..at];
        Some(match before.rfind('\n') {
            None => Place {
                column: self.place.column + before.chars().count(),
                offset: start + at,
                ..self.place
            },
            Some(newline) => Place {
                line: self.place.line + before.matches('\n').count(),
                column: before[newline + 1..].chars().count() + 1,
                offset: start + at,
            },
        })
    }
}

/// What a text may cost to read: small texts (settings, front matter) and the data files,
/// which may hold tens of thousands of entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    Small,
    DataFile,
}

/// The parser's limits: nesting, aliases and sizes are bounded, so a hostile file (a
/// "billion laughs", 3,000 open brackets) is an error, not a hang or a crash.
fn options(size: Size) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = 64;
    budget.flow_nesting_limit = 64;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    if size == Size::DataFile {
        budget.max_events = 20_000_000;
        budget.max_nodes = 10_000_000;
    }
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.with_snippet = false;
    // YAML 1.2 booleans only: `yes` and `on` are text, as serde_yaml read them.
    options.strict_booleans = true;
    options.alias_limits.max_total_replayed_events = 100_000;
    options
}

/// Parses YAML text into a typed value.
pub fn from_str<T: DeserializeOwned>(text: &str, size: Size) -> Result<T, YamlError> {
    refuse_tab_indent(text)?;
    serde_saphyr::from_str_with_options(text, options(size))
        .map_err(|error| YamlError::new(&error, text))
}

/// An error at the first line that starts with a tab: the parser reads a tab before a
/// top-level key as part of the key, where YAML allows no tab in indentation.
fn refuse_tab_indent(text: &str) -> Result<(), YamlError> {
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if line.starts_with('\t') {
            return Err(YamlError {
                message: "found a tab in the indentation".into(),
                place: Some(Place {
                    line: n + 1,
                    column: 1,
                    offset,
                }),
                problem: Problem::Tab,
            });
        }
        offset += line.len();
    }
    Ok(())
}

/// Parses YAML text with `seed`, for a reader that needs more than the text (the settings'
/// taxonomies, say).
pub fn from_seed<T, S>(text: &str, size: Size, seed: S) -> Result<T, YamlError>
where
    S: for<'de> serde::de::DeserializeSeed<'de, Value = T>,
{
    refuse_tab_indent(text)?;
    serde_saphyr::with_deserializer_from_str_with_options(text, options(size), |deserializer| {
        seed.deserialize(deserializer)
    })
    .map_err(|error| YamlError::new(&error, text))
}

/// The keys of a YAML map, each with its place and the keys of its value when that is a map
/// (empty for any other value).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Keys(Vec<(String, Place, Keys)>);

impl Keys {
    /// The place of the first key `key`, and the keys of its value.
    pub fn get(&self, key: &str) -> Option<(Place, &Keys)> {
        self.0
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, place, keys)| (*place, keys))
    }

    /// The place of the first key `key`.
    pub fn place(&self, key: &str) -> Option<Place> {
        self.get(key).map(|(place, _)| place)
    }
}

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(KeysVisitor)
    }
}

struct KeysVisitor;

impl<'de> serde::de::Visitor<'de> for KeysVisitor {
    type Value = Keys;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
        let mut keys = Vec::new();
        while let Some(key) = map.next_key::<At<Value>>()? {
            let inner = map.next_value::<Keys>()?;
            if let Value::String(name) = key.value {
                keys.push((name, key.place, inner));
            }
        }
        Ok(Keys(keys))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Keys, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(Keys::default())
    }

    fn visit_bool<E>(self, _: bool) -> Result<Keys, E> {
        Ok(Keys::default())
    }

    fn visit_i64<E>(self, _: i64) -> Result<Keys, E> {
        Ok(Keys::default())
    }

    fn visit_u64<E>(self, _: u64) -> Result<Keys, E> {
        Ok(Keys::default())
    }

    fn visit_f64<E>(self, _: f64) -> Result<Keys, E> {
        Ok(Keys::default())
    }

    fn visit_str<E>(self, _: &str) -> Result<Keys, E> {
        Ok(Keys::default())
    }

    fn visit_unit<E>(self) -> Result<Keys, E> {
        Ok(Keys::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        weight: Option<i64>,
    }

    fn error<T: DeserializeOwned + std::fmt::Debug>(yaml: &str) -> YamlError {
        from_str::<T>(yaml, Size::Small).unwrap_err()
    }

    #[test]
    fn unknown_keys_carry_the_allowed_ones_and_a_place() {
        let error = error::<Sample>("title: a\nwieght: 2\n");
        assert_eq!(error.place.map(|p| (p.line, p.column)), Some((2, 1)));
        let Problem::UnknownKey { key, allowed } = &error.problem else {
            panic!("{error:?}");
        };
        assert_eq!(
            (key.as_str(), allowed.clone()),
            ("wieght", vec!["title".into(), "weight".into()])
        );
        let d = error.diagnostic("x.md", "---\ntitle: a\nwieght: 2\n---\n", 2);
        assert_eq!((d.line, d.column), (3, 1));
        assert_eq!(d.hint.as_deref(), Some("did you mean `weight`?"));
    }

    #[test]
    fn messages_name_no_place() {
        let error = error::<Value>("title: A\nsummary: [1\n");
        assert!(!error.message.contains("line"), "{}", error.message);
        assert_eq!(error.problem, Problem::UnclosedBracket('['));
        assert_eq!(error.place.map(|p| (p.line, p.column)), Some((2, 10)));
    }

    #[test]
    fn tab_indentation_gets_a_hint() {
        let text = "---\ntitle: A\ntime:\n\tread: 5\n---\n";
        let d = error::<Value>("title: A\ntime:\n\tread: 5\n").diagnostic("x.md", text, 2);
        assert_eq!(d.line, 4);
        assert!(d.hint.as_deref().unwrap_or("").contains("tabs"), "{d:?}");
    }

    #[test]
    fn repeated_keys_are_placed_at_the_repeat() {
        for (yaml, place) in [
            ("title: A\nsummary: s\nweight: 1\nweight: 2\n", (4, 1)),
            (
                "title: A\ndownloads:\n  - file: a\n    title: x\n    file: b\n",
                (5, 5),
            ),
            ("time:\n  read: 1\nother:\n  read: 2\n  read: 3\n", (5, 3)),
        ] {
            let d = error::<Value>(yaml).diagnostic("x.md", yaml, 1);
            assert_eq!((d.line, d.column), place, "{d:?}");
            assert!(d.hint.unwrap().contains("remove or merge"));
        }
        let d = error::<Sample>("title: a\nweight: 1\ntitle: b\n").diagnostic(
            "x.md",
            "title: a\nweight: 1\ntitle: b\n",
            1,
        );
        assert_eq!(
            (d.line, d.column, d.message.as_str()),
            (3, 1, "duplicate key `title`")
        );
    }

    #[test]
    fn missing_keys_get_a_hint() {
        let d = error::<Sample>("weight: 1\n").diagnostic("x.md", "weight: 1\n", 1);
        assert_eq!(d.hint.as_deref(), Some("add `title: …`"));
    }

    #[test]
    fn type_errors_quote_the_value_at_its_place() {
        let error = error::<Sample>("title: a\nweight: heavy\n");
        assert_eq!(error.place.map(|p| (p.line, p.column)), Some((2, 9)));
        assert_eq!(
            error.message,
            "invalid type: string \"heavy\", expected i64"
        );
    }

    #[test]
    fn spans_find_what_is_written_inside_them() {
        let text = "a: x\nb: |\n  one\n  two [l](here)\nc: here\n";
        let read: std::collections::BTreeMap<String, Spanned<String>> =
            from_str(text, Size::Small).unwrap();
        let span = read["b"].span;
        let at = span.place_of(text, "here").unwrap();
        assert_eq!(
            (at.line, at.column, &text[at.offset..at.offset + 4]),
            (4, 11, "here")
        );
        let span = read["c"].span;
        let at = span.place_of(text, "here").unwrap();
        assert_eq!((at.line, at.column), (5, 4));
        assert_eq!(read["a"].span.place_of(text, "here"), None);
    }

    #[test]
    fn values_keep_their_places_and_order() {
        let read: Vec<At<String>> = from_str("- a\n- 'b'\n-   c\n", Size::Small).unwrap();
        let places: Vec<_> = read
            .iter()
            .map(|at| (at.place.line, at.place.column))
            .collect();
        assert_eq!(places, [(1, 3), (2, 3), (3, 5)]);
        assert_eq!(read[1].place.past_quote("- a\n- 'b'\n").column, 4);
        let value: Value = from_str("z: 1\na: [x, {b: yes}]\n", Size::Small).unwrap();
        let Value::Mapping(map) = &value else {
            panic!()
        };
        let keys: Vec<_> = map.iter().filter_map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["z", "a"]);
        let keys: Keys = from_str("a: 1\nb:\n  c: 2\n", Size::Small).unwrap();
        let (_, inner) = keys.get("b").unwrap();
        assert_eq!(inner.place("c").map(|p| (p.line, p.column)), Some((3, 3)));
    }
}
