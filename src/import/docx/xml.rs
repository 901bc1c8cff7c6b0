//! A thin walk over one XML part: elements by local name (Word's prefixes
//! vary between producers), text with references resolved, and the
//! `mc:Choice` branches skipped so newer-Word markup is read once, from its
//! `mc:Fallback`.

use super::super::ReadError;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

pub(super) enum Ev<'a> {
    Open(BytesStart<'a>),
    Close(String),
    Text(String),
    Eof,
}

pub(super) struct Walk<'a> {
    reader: Reader<&'a [u8]>,
    part: &'a str,
}

impl<'a> Walk<'a> {
    pub(super) fn new(xml: &'a [u8], part: &'a str) -> Walk<'a> {
        let xml = xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(xml);
        let mut reader = Reader::from_reader(xml);
        reader.config_mut().expand_empty_elements = true;
        Walk { reader, part }
    }

    /// The next event that matters, or a `ReadError` naming the part.
    pub(super) fn next(&mut self) -> Result<Ev<'a>, ReadError> {
        loop {
            let event = self.reader.read_event().map_err(|e| self.broken(e))?;
            match event {
                Event::Start(e) if e.local_name().as_ref() == "Choice" => self.skip()?,
                Event::Start(e) => return Ok(Ev::Open(e)),
                Event::End(e) => return Ok(Ev::Close(e.local_name().as_ref().to_string())),
                Event::Text(t) => return Ok(Ev::Text(t.xml10_content().into_owned())),
                Event::CData(t) => {
                    return Ok(Ev::Text(t.into_inner().into_owned()));
                }
                Event::GeneralRef(r) => {
                    let ch = r.resolve_char_ref().map_err(|e| self.broken(e))?;
                    let text = match ch {
                        Some(c) => c.to_string(),
                        None => quick_xml::escape::resolve_predefined_entity(&r)
                            .unwrap_or_default()
                            .to_string(),
                    };
                    return Ok(Ev::Text(text));
                }
                Event::Eof => return Ok(Ev::Eof),
                _ => {}
            }
        }
    }

    /// Skips the rest of the element just opened, however deep.
    pub(super) fn skip(&mut self) -> Result<(), ReadError> {
        let mut depth = 1usize;
        while depth > 0 {
            match self.reader.read_event().map_err(|e| self.broken(e))? {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(())
    }

    fn broken(&self, e: impl std::fmt::Display) -> ReadError {
        ReadError::new(
            format!(
                "{} in the .docx is not well-formed XML (at byte {}: {e})",
                self.part,
                self.reader.error_position()
            ),
            "the file is damaged; open it in Word and save it again, then import the new copy",
        )
    }
}

/// An attribute by local name (`w:val`, `r:id`), unescaped.
pub(super) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// `w:val` of an on/off property (`<w:b/>`, `<w:b w:val="0"/>`).
pub(super) fn on(e: &BytesStart<'_>) -> bool {
    !matches!(
        attr(e, "val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

/// `w:val` as a number, when it is one.
pub(super) fn num(e: &BytesStart<'_>) -> Option<i64> {
    attr(e, "val")?.trim().parse().ok()
}
