//! The front matter as written, read in one pass of the YAML parser: the typed keys, and
//! each key and value with the place the parser found it at.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::values::{Download, InlineResource, ResourceRef, TimeNeeded};
use crate::config::Taxonomy;
use crate::yaml::{At, Mapping, Place};

/// The message of a resource entry of the wrong shape.
pub const NOT_A_RESOURCE: &str = "a resource is neither an id nor a `{title, url, kind}` entry";

/// The reserved keys, as read.
#[derive(Default)]
pub struct Keys {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub weight: Option<i64>,
    pub slug: Option<String>,
    pub draft: bool,
    pub updated: Option<String>,
    pub competencies: Vec<At<String>>,
    pub resources: Vec<At<WrittenResource>>,
    pub time: Option<TimeNeeded>,
    pub downloads: Vec<WrittenDownload>,
    pub aliases: Vec<At<String>>,
    pub template: Option<String>,
    pub extra: Mapping,
}

/// A resource entry, with the place of an inline entry's `url`.
pub enum WrittenResource {
    Id(String),
    Inline(InlineResource, Place),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WrittenInline {
    title: String,
    url: At<String>,
    #[serde(default)]
    kind: Option<String>,
}

/// A download, with the place of its `file`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrittenDownload {
    pub file: At<String>,
    #[serde(default)]
    pub title: Option<String>,
}

impl WrittenDownload {
    pub fn download(self) -> (Download, Place) {
        let download = Download {
            file: self.file.value,
            title: self.title,
        };
        (download, self.file.place)
    }
}

/// A taxonomy's values as written: a list, one text value, or something else.
pub enum Terms {
    Listed(Vec<At<crate::yaml::Value>>),
    One(String),
    Other,
}

/// A key that is not reserved: a taxonomy's (with its values) or an unknown one.
pub struct OtherKey {
    pub key: At<String>,
    pub terms: Option<At<Terms>>,
}

/// What the YAML between the fences holds.
pub enum Written {
    Map(Box<WrittenMap>),
    /// Not a map: what it is, in words.
    NotAMap(&'static str),
}

/// A front matter that is a map of keys, as read.
#[derive(Default)]
pub struct WrittenMap {
    pub keys: Keys,
    /// Where each reserved key is written.
    pub places: Vec<(&'static str, Place)>,
    pub others: Vec<OtherKey>,
    /// Whether a key is not text.
    pub non_text_key: bool,
}

/// Reads the front matter; `typed` false skips the reserved keys' values, to find the
/// problems of the other keys when a reserved one has the wrong type.
pub struct Reader<'a> {
    pub taxonomies: &'a BTreeMap<String, Taxonomy>,
    pub typed: bool,
}

impl<'de> DeserializeSeed<'de> for Reader<'_> {
    type Value = Written;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Written, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Reader<'_> {
    type Value = Written;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map of keys")
    }

    fn visit_unit<E>(self) -> Result<Written, E> {
        Ok(Written::Map(Box::default()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Written, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Written::NotAMap("a list"))
    }

    fn visit_str<E>(self, _: &str) -> Result<Written, E> {
        Ok(Written::NotAMap("a piece of text"))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Written, E> {
        Ok(Written::NotAMap("a single value"))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Written, E> {
        Ok(Written::NotAMap("a single value"))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Written, E> {
        Ok(Written::NotAMap("a single value"))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Written, E> {
        Ok(Written::NotAMap("a single value"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Written, A::Error> {
        let mut keys = Keys::default();
        let mut places = Vec::new();
        let mut others = Vec::new();
        let mut non_text_key = false;
        while let Some(key) = map.next_key::<At<crate::yaml::Value>>()? {
            let Some(name) = key.value.as_str() else {
                non_text_key = true;
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            if let Some(reserved) = crate::config::RESERVED_KEYS.iter().find(|k| **k == name) {
                places.push((*reserved, key.place));
                if self.typed {
                    read_reserved(&mut keys, reserved, &mut map)?;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
                continue;
            }
            let terms = if self.taxonomies.contains_key(name) {
                Some(map.next_value::<At<Terms>>()?)
            } else {
                map.next_value::<IgnoredAny>()?;
                None
            };
            let key = At {
                value: name.to_string(),
                place: key.place,
            };
            others.push(OtherKey { key, terms });
        }
        Ok(Written::Map(Box::new(WrittenMap {
            keys,
            places,
            others,
            non_text_key,
        })))
    }
}

/// Reads the value of the reserved key `key` into `keys`.
fn read_reserved<'de, A: MapAccess<'de>>(
    keys: &mut Keys,
    key: &str,
    map: &mut A,
) -> Result<(), A::Error> {
    match key {
        "title" => keys.title = map.next_value()?,
        "summary" => keys.summary = map.next_value()?,
        "weight" => keys.weight = map.next_value()?,
        "slug" => keys.slug = map.next_value()?,
        "draft" => keys.draft = map.next_value()?,
        "updated" => keys.updated = map.next_value()?,
        "competencies" => keys.competencies = or_empty(map.next_value()?),
        "resources" => keys.resources = or_empty(map.next_value()?),
        "time" => keys.time = map.next_value()?,
        "downloads" => keys.downloads = or_empty(map.next_value()?),
        "aliases" => keys.aliases = or_empty(map.next_value()?),
        "template" => keys.template = map.next_value()?,
        "extra" => keys.extra = map.next_value()?,
        _ => {
            map.next_value::<IgnoredAny>()?;
        }
    }
    Ok(())
}

/// A list, empty when the key has no value (`competencies:`).
fn or_empty<T>(list: Option<Vec<T>>) -> Vec<T> {
    list.unwrap_or_default()
}

impl<'de> Deserialize<'de> for Terms {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TermsVisitor)
    }
}

struct TermsVisitor;

impl<'de> Visitor<'de> for TermsVisitor {
    type Value = Terms;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of text values")
    }

    fn visit_str<E>(self, text: &str) -> Result<Terms, E> {
        Ok(Terms::One(text.to_string()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Terms, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Terms::Listed(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Terms, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Terms::Other)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Terms, E> {
        Ok(Terms::Other)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Terms, E> {
        Ok(Terms::Other)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Terms, E> {
        Ok(Terms::Other)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Terms, E> {
        Ok(Terms::Other)
    }

    fn visit_unit<E>(self) -> Result<Terms, E> {
        Ok(Terms::Other)
    }
}

impl<'de> Deserialize<'de> for WrittenResource {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ResourceVisitor)
    }
}

struct ResourceVisitor;

impl ResourceVisitor {
    fn neither<E: de::Error>(self) -> Result<WrittenResource, E> {
        Err(E::custom(NOT_A_RESOURCE))
    }
}

impl<'de> Visitor<'de> for ResourceVisitor {
    type Value = WrittenResource;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an id or a `{title, url, kind}` entry")
    }

    fn visit_str<E>(self, id: &str) -> Result<WrittenResource, E> {
        Ok(WrittenResource::Id(id.to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<WrittenResource, A::Error> {
        let inline = WrittenInline::deserialize(de::value::MapAccessDeserializer::new(map))
            .map_err(|_| de::Error::custom(NOT_A_RESOURCE))?;
        let resource = InlineResource {
            title: inline.title,
            url: inline.url.value,
            kind: inline.kind,
        };
        Ok(WrittenResource::Inline(resource, inline.url.place))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<WrittenResource, A::Error> {
        self.neither()
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<WrittenResource, E> {
        self.neither()
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<WrittenResource, E> {
        self.neither()
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<WrittenResource, E> {
        self.neither()
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<WrittenResource, E> {
        self.neither()
    }

    fn visit_unit<E: de::Error>(self) -> Result<WrittenResource, E> {
        self.neither()
    }
}

impl WrittenResource {
    pub fn resource(self) -> (ResourceRef, Option<Place>) {
        match self {
            WrittenResource::Id(id) => (ResourceRef::Id(id), None),
            WrittenResource::Inline(inline, url) => (ResourceRef::Inline(inline), Some(url)),
        }
    }
}
