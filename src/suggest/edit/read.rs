//! Reading the front matter for edits: where each of the three topic maps,
//! its topics and their lists sit, as byte spans, and what they hold.

use super::{Edit, EditError, Op, TopicMap, indent};
use granit_parser::{Event, Options, Parser, ScalarStyle, StrInput, StructureStyle};
use std::ops::Range;

/// A clause number in a list, with its source span (quotes included).
pub(super) struct Item {
    pub(super) value: String,
    pub(super) style: ScalarStyle,
    pub(super) span: Range<usize>,
}

/// A topic's list: flow (`[...]`, `close` is the `]`) or block (`- ...`).
pub(super) struct List {
    pub(super) flow: bool,
    pub(super) close: Range<usize>,
    pub(super) items: Vec<Item>,
    /// End of the list's last byte of content (`]` or the last item).
    pub(super) end: usize,
}

/// One `topic: list` entry; `key` is the span of the topic id.
pub(super) struct Entry {
    pub(super) topic: String,
    pub(super) key: Range<usize>,
    pub(super) list: List,
}

pub(super) enum Body {
    /// `key:`, `key: ~` or `key: {}`; the span of what follows the colon, if any.
    Empty(Option<Range<usize>>),
    Block(Vec<Entry>),
    Flow(Vec<Entry>),
}

/// One of the three maps as found in the source; `key` is the span of its key.
pub(super) struct MapNode {
    pub(super) key: Range<usize>,
    pub(super) body: Body,
}

/// What the front matter holds that edits need.
#[derive(Default)]
pub(super) struct Front {
    pub(super) maps: [Option<MapNode>; 3],
    /// Indentation of the root mapping's keys.
    pub(super) root_indent: usize,
}

/// A map's data in order, for checking each step.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Model(pub(super) Vec<(String, Vec<String>)>);

impl Model {
    pub(super) fn change(&mut self, edit: &Edit) {
        let at = self.0.iter().position(|(t, _)| *t == edit.topic);
        match (edit.op, at) {
            (Op::Add, Some(i)) if !self.0[i].1.contains(&edit.clause) => {
                self.0[i].1.push(edit.clause.clone())
            }
            (Op::Add, None) => self.0.push((edit.topic.clone(), vec![edit.clause.clone()])),
            (Op::Remove, Some(i)) if self.0[i].1.contains(&edit.clause) => {
                self.0[i].1.retain(|c| *c != edit.clause);
                if self.0[i].1.is_empty() {
                    self.0.remove(i);
                }
            }
            _ => {}
        }
    }
}

impl Front {
    pub(super) fn model(&self) -> [Model; 3] {
        self.maps.each_ref().map(|m| {
            let entries = match m.as_ref().map(|m| &m.body) {
                Some(Body::Block(e) | Body::Flow(e)) => e.as_slice(),
                _ => &[],
            };
            Model(
                entries
                    .iter()
                    .map(|e| {
                        (
                            e.topic.clone(),
                            e.list.items.iter().map(|i| i.value.clone()).collect(),
                        )
                    })
                    .collect(),
            )
        })
    }
}

/// Reads YAML events with byte spans.
pub(super) struct Reader<'a> {
    pub(super) parser: Parser<'a, StrInput<'a>>,
}

impl<'a> Reader<'a> {
    pub(super) fn next(&mut self) -> Result<(Event<'a>, Range<usize>), EditError> {
        match self.parser.next() {
            Some(Ok((event, span))) => {
                let range = span
                    .byte_range()
                    .ok_or_else(|| EditError::Yaml("no source position".into()))?;
                Ok((event, range))
            }
            Some(Err(e)) => Err(EditError::Yaml(e.to_string())),
            None => Err(EditError::Yaml("unexpected end".into())),
        }
    }

    /// Skips the rest of a node whose first event was `first`.
    pub(super) fn skip(&mut self, first: &Event) -> Result<(), EditError> {
        let mut depth = usize::from(matches!(
            first,
            Event::SequenceStart(..) | Event::MappingStart(..)
        ));
        while depth > 0 {
            match self.next()?.0 {
                Event::SequenceStart(..) | Event::MappingStart(..) => depth += 1,
                Event::SequenceEnd | Event::MappingEnd => depth -= 1,
                _ => {}
            }
        }
        Ok(())
    }
}

pub(super) fn is_null(value: &str, style: ScalarStyle) -> bool {
    style == ScalarStyle::Plain && matches!(value, "" | "~" | "null" | "Null" | "NULL")
}

/// Parses the front matter and finds the three maps.
pub(super) fn read(yaml: &str) -> Result<Front, EditError> {
    let mut options = Options::default();
    options.emit_comments = false;
    let mut r = Reader {
        parser: Parser::new_from_str_with_options(yaml, options),
    };
    let mut front = Front::default();
    let mut documents = 0;
    loop {
        let (event, _) = r.next()?;
        match event {
            Event::StreamStart | Event::DocumentEnd => {}
            Event::StreamEnd => return Ok(front),
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return Err(EditError::Yaml(
                        "the front matter holds more than one YAML document".into(),
                    ));
                }
            }
            Event::MappingStart(StructureStyle::Block, ..) => read_root(&mut r, yaml, &mut front)?,
            Event::Scalar(v, style, ..) if is_null(&v, style) => {}
            _ => {
                return Err(EditError::Yaml(
                    "the front matter is not a block of `key: value` lines".into(),
                ));
            }
        }
    }
}

pub(super) fn read_root(r: &mut Reader, yaml: &str, front: &mut Front) -> Result<(), EditError> {
    let mut first = true;
    loop {
        let (event, span) = r.next()?;
        let map = match &event {
            Event::MappingEnd => return Ok(()),
            Event::Scalar(k, ..) => TopicMap::ALL.into_iter().find(|m| m.key() == k.as_ref()),
            _ => None,
        };
        if first {
            front.root_indent = indent(yaml, span.start).unwrap_or(0);
            first = false;
        }
        r.skip(&event)?;
        let (value, value_span) = r.next()?;
        match map {
            Some(m) if front.maps[m.index()].is_some() => {
                return Err(EditError::Yaml(format!("`{}` appears twice", m.key())));
            }
            Some(m) => front.maps[m.index()] = Some(read_map(r, m.key(), span, value, value_span)?),
            None => r.skip(&value)?,
        }
    }
}

pub(super) fn read_map(
    r: &mut Reader,
    key: &'static str,
    key_span: Range<usize>,
    value: Event,
    span: Range<usize>,
) -> Result<MapNode, EditError> {
    let style = match value {
        Event::Scalar(v, s, ..) if is_null(&v, s) => {
            let body = Body::Empty((!span.is_empty()).then_some(span));
            return Ok(MapNode {
                key: key_span,
                body,
            });
        }
        Event::MappingStart(style, ..) => style,
        _ => return Err(EditError::NotAMap(key)),
    };
    let mut entries = Vec::new();
    loop {
        let (event, topic_span) = r.next()?;
        let topic = match event {
            Event::MappingEnd if entries.is_empty() => {
                return Ok(MapNode {
                    key: key_span,
                    body: Body::Empty(Some(span.start..topic_span.end)),
                });
            }
            Event::MappingEnd => break,
            Event::Scalar(t, ..) => t.into_owned(),
            _ => return Err(EditError::NotAMap(key)),
        };
        let (value, open) = r.next()?;
        let Event::SequenceStart(list_style, ..) = value else {
            return Err(EditError::NotAList(key, topic));
        };
        let mut items = Vec::new();
        let close = loop {
            match r.next()? {
                (Event::Scalar(v, s, ..), span) if !is_null(&v, s) => items.push(Item {
                    value: v.into_owned(),
                    style: s,
                    span,
                }),
                (Event::SequenceEnd, span) => break span,
                _ => return Err(EditError::NotAList(key, topic)),
            }
        };
        let flow = list_style == StructureStyle::Flow;
        let end = match items.last() {
            Some(last) if !flow => last.span.end,
            _ => close.end.max(open.end),
        };
        entries.push(Entry {
            topic,
            key: topic_span,
            list: List {
                flow,
                close,
                items,
                end,
            },
        });
    }
    let body = if style == StructureStyle::Flow {
        Body::Flow(entries)
    } else {
        Body::Block(entries)
    };
    Ok(MapNode {
        key: key_span,
        body,
    })
}
