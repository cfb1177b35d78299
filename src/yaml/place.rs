//! Where something is written in a YAML text, and in the file that holds it.

/// A 1-based line and column (in characters) and the byte offset they stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Place {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

impl Place {
    /// This place, counted in a text that starts at `first_line` (1-based) and byte
    /// `first_offset` of a larger one, as a place of the larger text.
    pub fn within(self, first_line: usize, first_offset: usize) -> Place {
        Place {
            line: self.line + first_line - 1,
            column: self.column,
            offset: self.offset.saturating_add(first_offset),
        }
    }

    /// This place, past the quote that opens a quoted value at it in `text`.
    pub fn past_quote(self, text: &str) -> Place {
        match text.as_bytes().get(self.offset) {
            Some(b'"' | b'\'') => Place {
                column: self.column + 1,
                offset: self.offset + 1,
                ..self
            },
            _ => self,
        }
    }

    pub(super) fn of(location: serde_saphyr::Location) -> Option<Place> {
        let line = usize::try_from(location.line()).ok().filter(|&l| l > 0)?;
        let column = usize::try_from(location.column()).ok()?.max(1);
        let offset = location
            .span()
            .byte_offset()
            .and_then(|offset| usize::try_from(offset).ok())
            .unwrap_or(usize::MAX);
        Some(Place {
            line,
            column,
            offset,
        })
    }
}
