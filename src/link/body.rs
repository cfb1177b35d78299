//! A page body's addresses resolved: what each link and image leads to, the anchors to check
//! once every page's headings are known, and the outside addresses for `check --external`.

use crate::diagnostic::{Code, Diagnostic};
use crate::guide::{AnchorLink, ExternalLink};
use crate::link::resolve::{LinkResolution, PageLinks};
use crate::load::Source;
use crate::parse::markdown::Address;

/// The addresses of a body, resolved.
#[derive(Debug, Default)]
pub struct LinkedBody {
    /// The address to write for each link and image, in order; `None` keeps it as written.
    pub hrefs: Vec<Option<String>>,
    pub anchors: Vec<AnchorLink>,
    pub external: Vec<ExternalLink>,
    pub problems: Vec<Diagnostic>,
}

/// Resolves the addresses written in `source`'s body; an address that leads nowhere is an
/// error at its place.
pub fn resolve(source: &Source, addresses: &[Address], links: &PageLinks<'_>) -> LinkedBody {
    let mut body = LinkedBody {
        hrefs: Vec::with_capacity(addresses.len()),
        ..LinkedBody::default()
    };
    for address in addresses {
        let href = if address.refused {
            Some(String::new())
        } else {
            body.link(source, address, links.resolve(&address.dest))
        };
        body.hrefs.push(href);
    }
    body
}

impl LinkedBody {
    fn link(
        &mut self,
        source: &Source,
        address: &Address,
        resolution: LinkResolution,
    ) -> Option<String> {
        match resolution {
            LinkResolution::Unchanged => {
                let dest = &address.dest;
                if dest.starts_with("http://") || dest.starts_with("https://") {
                    self.external.push(ExternalLink {
                        url: dest.clone(),
                        span: address.span.clone(),
                        line: address.line,
                        column: address.column,
                    });
                }
                None
            }
            LinkResolution::Rewritten { href, anchor } => {
                if let Some(anchor) = anchor {
                    self.anchors.push(AnchorLink {
                        check: anchor,
                        span: address.span.clone(),
                        line: address.line,
                        column: address.column,
                    });
                }
                Some(href)
            }
            LinkResolution::Broken { message, hint } => {
                self.problems.push(
                    Diagnostic::error(Code::BrokenLink, message)
                        .in_file(source.shown())
                        .at(&source.text, address.span.clone())
                        .with_hint(hint),
                );
                None
            }
        }
    }
}
