//! YAML front matter, read from the parser's events with bounds: nothing is expanded and
//! nothing is nested past [`MAX_DEPTH`], so the work is linear in the front matter however it
//! is written.
//!
//! A general YAML loader expands aliases (`*name` copies what `&name` marks), so 190 KB of
//! front matter can ask for gigabytes, and follows nesting as deep as it goes. Front matter needs
//! neither: byline reads a mapping of fields whose values are text or lists of text. Aliases are
//! kept as [`Value::Alias`] (never expanded: a field we read that is one is a problem with the
//! file); nesting deeper than [`MAX_DEPTH`] stops the reading there with a problem.

use std::borrow::Cow;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span};

use super::FormatError;

/// How deep sequences and mappings may nest in front matter.
pub const MAX_DEPTH: usize = 32;

/// A front matter value, whichever format it came from.
#[derive(Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    List(Vec<String>),
    /// An alias (`*name`), or a list holding one: never expanded.
    Alias,
    /// Anything else: a mapping, a boolean, null.
    Other,
}

/// The fields of YAML front matter, in order. `source` is what lies between the fences, whose
/// first line is the file's second.
pub fn fields(source: &str) -> Result<Vec<(String, Value)>, FormatError> {
    let mut events = Events {
        parser: Parser::new_from_str(source),
        depth: 0,
        line: 1,
    };
    let mut fields = Vec::new();
    loop {
        match events.next()? {
            None | Some(Event::StreamEnd) => return Ok(fields),
            Some(Event::StreamStart | Event::DocumentStart(_) | Event::DocumentEnd) => {}
            Some(Event::MappingStart(..)) if fields.is_empty() => {
                while let Some(key) = events.next()? {
                    let key = match key {
                        Event::MappingEnd => break,
                        Event::Scalar(text, ..) => Some(text.into_owned()),
                        other => {
                            events.skip(other)?;
                            None
                        }
                    };
                    let value = events.value()?;
                    if let Some(key) = key {
                        fields.push((key, value));
                    }
                }
            }
            Some(Event::Scalar(text, ScalarStyle::Plain, ..)) if is_null(&text) => {}
            Some(_) => {
                return Err(FormatError::new(
                    "YAML front matter is not a mapping of fields",
                ));
            }
        }
    }
}

/// Whether a plain scalar is YAML's null (an empty front matter reads as one).
fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// The parser's events, with the nesting depth kept and bounded.
struct Events<'a> {
    parser: Parser<'a, saphyr_parser::StrInput<'a>>,
    depth: usize,
    /// The line of the last event, counted from the file's first line (the opening fence).
    line: usize,
}

impl<'a> Events<'a> {
    fn next(&mut self) -> Result<Option<Event<'a>>, FormatError> {
        let Some(next) = self.parser.next_event() else {
            return Ok(None);
        };
        let (event, span): (Event<'a>, Span) = next.map_err(|e| self.scan_error(&e))?;
        self.line = span.start.line() + 1;
        match event {
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(FormatError::new(format!(
                        "YAML front matter: line {}: nested more than {MAX_DEPTH} deep",
                        self.line
                    )));
                }
            }
            Event::SequenceEnd | Event::MappingEnd => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        Ok(Some(event))
    }

    fn scan_error(&self, error: &ScanError) -> FormatError {
        let line = error.marker().line() + 1;
        // The parser has a nesting limit of its own, checked before it gives us the event.
        if error.info().contains("recursion limit") {
            return FormatError::new(format!(
                "YAML front matter: line {line}: nested more than {MAX_DEPTH} deep"
            ));
        }
        FormatError::new(format!("YAML front matter: line {line}: {}", error.info()))
    }

    /// The next node, as a value.
    fn value(&mut self) -> Result<Value, FormatError> {
        match self.next()? {
            None => Ok(Value::Other),
            Some(Event::Scalar(text, style, ..)) => Ok(scalar(text, style)),
            Some(Event::Alias(_)) => Ok(Value::Alias),
            Some(Event::SequenceStart(..)) => {
                let mut items = Vec::new();
                let mut alias = false;
                while let Some(event) = self.next()? {
                    match event {
                        Event::SequenceEnd => break,
                        Event::Scalar(text, style, ..) => {
                            if let Value::Text(t) = scalar(text, style) {
                                items.push(t);
                            }
                        }
                        Event::Alias(_) => alias = true,
                        other => self.skip(other)?,
                    }
                }
                Ok(if alias {
                    Value::Alias
                } else {
                    Value::List(items)
                })
            }
            Some(other) => {
                self.skip(other)?;
                Ok(Value::Other)
            }
        }
    }

    /// Reads past the node that `first` starts.
    fn skip(&mut self, first: Event<'a>) -> Result<(), FormatError> {
        if !matches!(first, Event::SequenceStart(..) | Event::MappingStart(..)) {
            return Ok(());
        }
        let floor = self.depth - 1;
        while self.depth > floor {
            if self.next()?.is_none() {
                break;
            }
        }
        Ok(())
    }
}

/// A scalar as a value: quoted and block scalars are text; plain ones are text unless they are
/// null or a boolean.
fn scalar(text: Cow<'_, str>, style: ScalarStyle) -> Value {
    if style == ScalarStyle::Plain
        && (is_null(&text) || matches!(&*text, "true" | "false" | "True" | "False"))
    {
        return Value::Other;
    }
    Value::Text(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(source: &str) -> Result<Vec<(String, Value)>, String> {
        fields(source).map_err(|e| e.0)
    }

    fn text(s: &str) -> Value {
        Value::Text(s.to_string())
    }

    #[test]
    fn fields_in_order_with_text_and_lists() {
        let got = read("title: \"A *quoted* title\"\nauthors: [Ann, 'Bo']\ndate: 2024-03-12\ntags:\n  - a\n  - b\ncount: 12\n").unwrap();
        let want = vec![
            ("title".to_string(), text("A *quoted* title")),
            (
                "authors".to_string(),
                Value::List(vec!["Ann".into(), "Bo".into()]),
            ),
            ("date".to_string(), text("2024-03-12")),
            (
                "tags".to_string(),
                Value::List(vec!["a".into(), "b".into()]),
            ),
            ("count".to_string(), text("12")),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn nulls_booleans_and_mappings_are_not_text() {
        let got = read("title:\ndraft: true\nextra: {a: [1, 2], b: c}\nafter: x\n").unwrap();
        assert_eq!(
            got,
            vec![
                ("title".to_string(), Value::Other),
                ("draft".to_string(), Value::Other),
                ("extra".to_string(), Value::Other),
                ("after".to_string(), text("x")),
            ]
        );
        assert_eq!(read("").unwrap(), vec![]);
        assert_eq!(read("~\n").unwrap(), vec![]);
    }

    #[test]
    fn aliases_are_kept_as_aliases_never_expanded() {
        let huge = "A".repeat(100_000);
        let aliases = vec!["*x"; 30_000].join(", ");
        let source = format!("title: t\nx: &x \"{huge}\"\nauthors: [{aliases}]\nalone: *x\n");
        let got = read(&source).unwrap();
        assert_eq!(got[2], ("authors".to_string(), Value::Alias));
        assert_eq!(got[3], ("alone".to_string(), Value::Alias));
    }

    #[test]
    fn nesting_past_the_limit_is_a_problem_with_its_line() {
        let deep = format!("title: t\nx: {}\n", "[".repeat(100_000));
        let err = read(&deep).unwrap_err();
        assert_eq!(err, "YAML front matter: line 3: nested more than 32 deep");
        let fine = format!(
            "x: {}1{}\n",
            "[".repeat(MAX_DEPTH - 1),
            "]".repeat(MAX_DEPTH - 1)
        );
        assert!(read(&fine).is_ok());
    }

    #[test]
    fn syntax_errors_name_the_line_of_the_file() {
        // The front matter's first line is the file's second (the fence is the first).
        let err = read("title: x\nauthor: \"unclosed\n").unwrap_err();
        assert!(err.starts_with("YAML front matter: line "), "{err}");
        assert!(read("- a\n- b\n").unwrap_err().contains("not a mapping"));
    }
}
