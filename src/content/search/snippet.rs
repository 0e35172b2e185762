//! The passage of a hit to show: the field where the query's words are densest, cut around
//! the first of them, HTML-escaped, with every matching word in `<b>…</b>`.

use super::index::{Document, Field};
use super::matching::Terms;

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 180;
/// How much text to keep before the first match, in characters.
const LEAD_CHARS: usize = 40;

/// The snippet of `document` for the `matched` terms.
pub(super) fn snippet(document: &Document, matched: &Terms) -> String {
    let hits = |field: &Field| field.tokens.iter().filter(|token| matched.contains(token.term)).count();
    let body = document.fields.iter().filter(|field| !field.is_title).max_by_key(|field| hits(field));
    let field = match body {
        Some(field) if hits(field) > 0 => field,
        _ => document.fields.iter().find(|field| hits(field) > 0).unwrap_or(&document.fields[0]),
    };
    let first = field.tokens.iter().find(|token| matched.contains(token.term)).map_or(0, |token| token.start);
    let start = window_start(&field.text, first);
    let end = char_boundary_after(&field.text, start, SNIPPET_CHARS);
    let mut out = String::with_capacity(end - start + 32);
    if start > 0 {
        out.push('…');
    }
    let mut at = start;
    for token in field.tokens.iter().filter(|token| token.start >= start && token.end <= end) {
        if matched.contains(token.term) {
            escape_into(&mut out, &field.text[at..token.start]);
            out.push_str("<b>");
            escape_into(&mut out, &field.text[token.start..token.end]);
            out.push_str("</b>");
            at = token.end;
        }
    }
    escape_into(&mut out, &field.text[at..end]);
    if end < field.text.len() {
        out.push('…');
    }
    out
}

/// Where to start so that about [`LEAD_CHARS`] come before `first`, at a word's start.
fn window_start(text: &str, first: usize) -> usize {
    let before: Vec<(usize, char)> = text[..first].char_indices().collect();
    if before.len() <= LEAD_CHARS {
        return 0;
    }
    let (from, _) = before[before.len() - LEAD_CHARS];
    text[from..first].find(' ').map_or(from, |space| from + space + 1)
}

/// The byte offset `chars` characters after `start`, or the end of `text`.
fn char_boundary_after(text: &str, start: usize, chars: usize) -> usize {
    text[start..].char_indices().nth(chars).map_or(text.len(), |(offset, _)| start + offset)
}

/// `text` with HTML's special characters escaped.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}
