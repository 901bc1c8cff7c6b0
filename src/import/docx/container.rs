//! The zip around the XML: what the file really is when it is not a .docx,
//! bounded reads of each part (a zip bomb stops at [`MAX_PART`]), and the
//! relationships that name the parts and hold link targets.

use super::super::ReadError;
use super::xml::{Ev, Walk, attr};
use std::collections::HashMap;
use std::io::{Cursor, Read as _};
use zip::ZipArchive;
use zip::result::ZipError;

/// Largest unpacked part read; a real document.xml is a few megabytes.
pub(super) const MAX_PART: u64 = 64 << 20;
/// More entries than any Word file has; the zip's directory is read once.
pub(super) const MAX_ENTRIES: usize = 10_000;

pub(super) struct Parts<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    pub(super) document: Vec<u8>,
    pub(super) document_name: String,
    /// Relationship id → external target, for `w:hyperlink r:id`.
    pub(super) links: HashMap<String, String>,
    /// The same for footnotes.xml and endnotes.xml, by part kind.
    pub(super) note_links: HashMap<String, HashMap<String, String>>,
    /// Part kind ("styles", "numbering", "footnotes") → path in the zip.
    targets: HashMap<String, String>,
}

impl<'a> Parts<'a> {
    pub(super) fn open(bytes: &'a [u8]) -> Result<Parts<'a>, ReadError> {
        sniff(bytes)?;
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
        if zip.len() > MAX_ENTRIES {
            return Err(ReadError::new(
                format!(
                    "the .docx holds {} files; a Word document has a few dozen",
                    zip.len()
                ),
                "this is not a document Word saved; save it from Word as .docx and import that",
            ));
        }
        let mut parts = Parts {
            zip,
            document: Vec::new(),
            document_name: "word/document.xml".into(),
            links: HashMap::new(),
            note_links: HashMap::new(),
            targets: HashMap::new(),
        };
        if let Some(rels) = parts.part("_rels/.rels")? {
            for (_, kind, target) in relationships(&rels, "_rels/.rels", "")? {
                if kind == "officeDocument" {
                    parts.document_name = target;
                }
            }
        }
        let name = parts.document_name.clone();
        parts.document = parts.part(&name)?.ok_or_else(|| {
            ReadError::new(
                format!("the file is a zip but has no {name}, so it is not a Word document"),
                "open it in the program that made it and save it as a Word Document (.docx)",
            )
        })?;
        let (dir, file) = name.rsplit_once('/').unwrap_or(("", &name));
        let rels_name = format!("{dir}/_rels/{file}.rels");
        if let Some(rels) = parts.part(&rels_name)? {
            for (id, kind, target) in relationships(&rels, &rels_name, dir)? {
                if kind == "hyperlink" {
                    parts.links.insert(id, target);
                } else {
                    parts.targets.insert(kind, target);
                }
            }
        }
        for kind in ["footnotes", "endnotes"] {
            let Some(path) = parts.targets.get(kind).cloned() else {
                continue;
            };
            let (dir, file) = path.rsplit_once('/').unwrap_or(("", &path));
            let rels_name = format!("{dir}/_rels/{file}.rels");
            if let Some(rels) = parts.part(&rels_name)? {
                let links = relationships(&rels, &rels_name, dir)?
                    .into_iter()
                    .filter(|r| r.1 == "hyperlink")
                    .map(|(id, _, target)| (id, target))
                    .collect();
                parts.note_links.insert(kind.to_string(), links);
            }
        }
        Ok(parts)
    }

    /// The part of this kind ("styles", "numbering", "footnotes"), if any.
    pub(super) fn get(&mut self, kind: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let path = match self.targets.get(kind) {
            Some(p) => p.clone(),
            None => format!("word/{kind}.xml"),
        };
        self.part(&path)
    }

    /// One part, unpacked, or `None` when the zip has no such file.
    fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let file = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(damaged(&e)),
        };
        let too_big = || {
            ReadError::new(
                format!(
                    "{name} in the .docx unpacks to more than {} MB",
                    MAX_PART >> 20
                ),
                "a Word document is far smaller; if the file is real, split it in Word and import the parts",
            )
        };
        if file.size() > MAX_PART {
            return Err(too_big());
        }
        let mut data = Vec::with_capacity(file.size() as usize);
        file.take(MAX_PART + 1)
            .read_to_end(&mut data)
            .map_err(|e| damaged(&ZipError::Io(e)))?;
        if data.len() as u64 > MAX_PART {
            return Err(too_big());
        }
        Ok(Some(data))
    }
}

/// Tells a file that is no zip what it is, when it can.
fn sniff(bytes: &[u8]) -> Result<(), ReadError> {
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    if bytes.starts_with(OLE) {
        let marker: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        if bytes.windows(marker.len()).any(|w| w == marker) {
            return Err(ReadError::new(
                "the Word document is password-protected (encrypted), so its text cannot be read",
                "open it in Word, remove the password (File > Info > Protect Document > Encrypt with Password), save, and import that copy",
            ));
        }
        return Err(ReadError::new(
            "this is an old-style Word file (.doc), not a .docx",
            "open it in Word and save it as Word Document (.docx), then import that",
        ));
    }
    if bytes.starts_with(b"PK") {
        return Ok(());
    }
    let what = if bytes.is_empty() {
        "the file is empty"
    } else if bytes.starts_with(b"{\\rtf") {
        "this is an RTF file, not a .docx"
    } else if bytes.starts_with(b"%PDF") {
        "this is a PDF, not a .docx"
    } else {
        "this is not a .docx (a .docx is a zip file, and this is not one)"
    };
    Err(ReadError::new(
        what,
        "open the document in Word and save it as Word Document (.docx), then import that",
    ))
}

fn damaged(e: &ZipError) -> ReadError {
    let text = e.to_string();
    if text.to_lowercase().contains("password") || matches!(e, ZipError::InvalidPassword) {
        return ReadError::new(
            "parts of the .docx are encrypted with a zip password",
            "save the document again from Word without a password, then import that",
        );
    }
    ReadError::new(
        format!("the .docx is damaged or incomplete ({text})"),
        "if it was downloaded or copied, get the file again; otherwise open it in Word, save it, and import the new copy",
    )
}

/// (id, kind, target) of each relationship; kind is the last segment of
/// the type ("hyperlink", "styles"), targets inside the zip are resolved
/// against `dir`, external ones kept as they are.
fn relationships(
    xml: &[u8],
    part: &str,
    dir: &str,
) -> Result<Vec<(String, String, String)>, ReadError> {
    let mut walk = Walk::new(xml, part);
    let mut out = Vec::new();
    loop {
        match walk.next()? {
            Ev::Eof => break,
            Ev::Open(e) if e.local_name().as_ref() == "Relationship" => {
                let id = attr(&e, "Id").unwrap_or_default();
                let kind = attr(&e, "Type").unwrap_or_default();
                let kind = kind.rsplit('/').next().unwrap_or_default().to_string();
                let target = attr(&e, "Target").unwrap_or_default();
                let external = attr(&e, "TargetMode").is_some_and(|m| m == "External");
                let target = if external {
                    target
                } else {
                    resolve(dir, &target)
                };
                out.push((id, kind, target));
            }
            _ => {}
        }
    }
    Ok(out)
}

/// A relative target inside the zip as a path from its root.
fn resolve(dir: &str, target: &str) -> String {
    let mut path: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                path.pop();
            }
            s => path.push(s),
        }
    }
    path.join("/")
}
