//! Files as the preview sends them: from memory, or streamed from disk (never read whole, so
//! a 1 GB handout costs no memory), whole or as the one byte range a request asks for.

use std::io::SeekFrom;

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tokio::io::{AsyncReadExt, AsyncSeekExt};
use tokio_util::io::ReaderStream;

use super::preview::{Served, Snapshot};
use super::reload::inject;

/// Pages larger than this are sent as they are, without the reload script: injecting it
/// would hold them whole in memory. Generated pages are far smaller.
const MAX_INJECTED: u64 = 16 << 20;
/// How much of a file is read at a time while streaming it.
const CHUNK: usize = 64 << 10;

/// What a `Range` header asks of a file of a given length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ranged {
    /// No range, or one the preview does not serve (several ranges, another unit, bad
    /// syntax): the whole file, as RFC 9110 allows.
    Whole,
    /// Bytes `start..=end`, both inside the file.
    Part { start: u64, end: u64 },
    /// A range that starts past the end: 416.
    Unsatisfiable,
}

/// Reads a `Range` header for a file of `len` bytes; only single `bytes` ranges are served.
pub fn parse_range(header: &str, len: u64) -> Ranged {
    let Some((unit, spec)) = header.split_once('=') else {
        return Ranged::Whole;
    };
    if !unit.trim().eq_ignore_ascii_case("bytes") || spec.contains(',') {
        return Ranged::Whole;
    }
    let Some((first, last)) = spec.split_once('-') else {
        return Ranged::Whole;
    };
    let within = |start: u64, end: u64| {
        if start < len {
            Ranged::Part {
                start,
                end: end.min(len - 1),
            }
        } else {
            Ranged::Unsatisfiable
        }
    };
    match (number(first.trim()), number(last.trim())) {
        // The last n bytes.
        (Number::Missing, Number::Value(0)) => Ranged::Unsatisfiable,
        (Number::Missing, Number::Value(n)) => within(len.saturating_sub(n), u64::MAX),
        (Number::Value(start), Number::Missing) => within(start, u64::MAX),
        (Number::Value(start), Number::Value(end)) if start <= end => within(start, end),
        _ => Ranged::Whole,
    }
}

enum Number {
    Missing,
    Value(u64),
    Bad,
}

fn number(text: &str) -> Number {
    if text.is_empty() {
        return Number::Missing;
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Number::Bad;
    }
    text.parse().map_or(Number::Bad, Number::Value)
}

/// A file's bytes, ready to send.
enum Source {
    Memory(Bytes),
    Disk(tokio::fs::File, u64),
}

impl Source {
    /// Opens what is served; a file on disk only while it lies inside the guide folder
    /// `root` (empty: not checked), since it may have become a link since the build.
    async fn open(served: &Served, root: &std::path::Path) -> std::io::Result<Source> {
        match served {
            Served::Memory(bytes) => Ok(Source::Memory(bytes.clone())),
            Served::Disk(path) => {
                let real = tokio::fs::canonicalize(path).await?;
                if !root.as_os_str().is_empty() && !real.starts_with(root) {
                    return Err(std::io::ErrorKind::NotFound.into());
                }
                let file = tokio::fs::File::open(&real).await?;
                let metadata = file.metadata().await?;
                if !metadata.is_file() {
                    return Err(std::io::ErrorKind::NotFound.into());
                }
                Ok(Source::Disk(file, metadata.len()))
            }
        }
    }

    fn len(&self) -> u64 {
        match self {
            Source::Memory(bytes) => bytes.len() as u64,
            Source::Disk(_, len) => *len,
        }
    }

    async fn read_all(self) -> std::io::Result<Bytes> {
        match self {
            Source::Memory(bytes) => Ok(bytes),
            Source::Disk(mut file, len) => {
                let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
                file.read_to_end(&mut bytes).await?;
                Ok(Bytes::from(bytes))
            }
        }
    }

    /// The body of bytes `start..start + length`.
    async fn body(self, start: u64, length: u64) -> std::io::Result<Body> {
        match self {
            Source::Memory(bytes) => {
                let start = usize::try_from(start)
                    .unwrap_or(usize::MAX)
                    .min(bytes.len());
                let end = start
                    .saturating_add(usize::try_from(length).unwrap_or(usize::MAX))
                    .min(bytes.len());
                Ok(Body::from(bytes.slice(start..end)))
            }
            Source::Disk(mut file, _) => {
                file.seek(SeekFrom::Start(start)).await?;
                let stream = ReaderStream::with_capacity(file.take(length), CHUNK);
                Ok(Body::from_stream(stream))
            }
        }
    }
}

/// Sends a file of the build with `status`: pages with the reload script, other files
/// streamed and, for a 200, as the range asked for.
pub async fn respond(
    snapshot: &Snapshot,
    key: &str,
    served: &Served,
    status: StatusCode,
    range: Option<&str>,
) -> Response {
    let Ok(source) = Source::open(served, &snapshot.root).await else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    let content_type = content_type(&mime);
    if mime.essence_str() == "text/html" && source.len() <= MAX_INJECTED {
        let Ok(page) = source.read_all().await else {
            return (StatusCode::NOT_FOUND, "not found").into_response();
        };
        let body = Body::from(inject(&page, key, snapshot));
        return file_response(status, &content_type, body).unwrap_or_default();
    }
    let len = source.len();
    // A range applies to the file asked for, not to the 404 page answering for a missing one.
    let ranged = match range {
        Some(range) if status == StatusCode::OK => parse_range(range, len),
        _ => Ranged::Whole,
    };
    let (status, start, length) = match ranged {
        Ranged::Whole => (status, 0, len),
        Ranged::Part { start, end } => (StatusCode::PARTIAL_CONTENT, start, end - start + 1),
        Ranged::Unsatisfiable => return unsatisfiable(len),
    };
    let Ok(body) = source.body(start, length).await else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    let mut response = file_response(status, &content_type, body).unwrap_or_default();
    let headers = response.headers_mut();
    headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    if status == StatusCode::PARTIAL_CONTENT {
        let end = start + length - 1;
        if let Ok(value) = HeaderValue::from_str(&format!("bytes {start}-{end}/{len}")) {
            headers.insert(header::CONTENT_RANGE, value);
        }
    }
    response
}

fn file_response(
    status: StatusCode,
    content_type: &str,
    body: Body,
) -> Result<Response, axum::http::Error> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, "no-store")
        .header("X-Content-Type-Options", "nosniff")
        .body(body)
}

fn unsatisfiable(len: u64) -> Response {
    Response::builder()
        .status(StatusCode::RANGE_NOT_SATISFIABLE)
        .header(header::CONTENT_RANGE, format!("bytes */{len}"))
        .header(header::CACHE_CONTROL, "no-store")
        .body(Body::empty())
        .unwrap_or_default()
}

fn content_type(mime: &mime_guess::Mime) -> String {
    match mime.type_() {
        mime_guess::mime::TEXT => format!("{}; charset=utf-8", mime.essence_str()),
        _ if mime.essence_str() == "application/javascript" => {
            "text/javascript; charset=utf-8".to_string()
        }
        _ => mime.essence_str().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_byte_ranges_are_read() {
        let part = |start, end| Ranged::Part { start, end };
        for (header, expected) in [
            ("bytes=0-9", part(0, 9)),
            ("bytes=90-", part(90, 99)),
            ("bytes=-5", part(95, 99)),
            ("bytes=-500", part(0, 99)),
            ("bytes=10-1000", part(10, 99)),
            ("Bytes = 3-3", part(3, 3)),
            ("bytes=100-", Ranged::Unsatisfiable),
            ("bytes=100-200", Ranged::Unsatisfiable),
            ("bytes=-0", Ranged::Unsatisfiable),
            ("bytes=9-2", Ranged::Whole),
            ("bytes=200-100", Ranged::Whole),
            ("bytes=0-1,5-6", Ranged::Whole),
            ("items=0-1", Ranged::Whole),
            ("bytes=-", Ranged::Whole),
            ("bytes=+1-2", Ranged::Whole),
            ("bytes=1-x", Ranged::Whole),
            ("bytes=99999999999999999999999-", Ranged::Whole),
            ("bytes", Ranged::Whole),
            ("", Ranged::Whole),
        ] {
            assert_eq!(parse_range(header, 100), expected, "{header}");
        }
        assert_eq!(parse_range("bytes=0-", 0), Ranged::Unsatisfiable);
        assert_eq!(parse_range("bytes=-1", 0), Ranged::Unsatisfiable);
    }
}
