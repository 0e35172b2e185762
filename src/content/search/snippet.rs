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
    let counted: Vec<(usize, &Field)> = document.fields.iter().map(|field| (hits(field), field)).collect();
    let body = counted.iter().filter(|(_, field)| !field.is_title).max_by_key(|(count, _)| *count);
    let field = match body {
        Some(&(count, field)) if count > 0 => field,
        _ => counted.iter().find(|(count, _)| *count > 0).map_or(&document.fields[0], |&(_, field)| field),
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
    match text[..first].char_indices().rev().nth(LEAD_CHARS - 1) {
        Some((from, _)) if from > 0 => text[from..first].find(' ').map_or(from, |space| from + space + 1),
        _ => 0,
    }
}

/// The byte offset `chars` characters after `start`, or the end of `text`.
fn char_boundary_after(text: &str, start: usize, chars: usize) -> usize {
    text[start..].char_indices().nth(chars).map_or(text.len(), |(offset, _)| start + offset)
}

/// `text` with HTML's special characters escaped, copied a run at a time between them.
fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_replaces_each_special_character_and_keeps_the_rest() {
        let mut out = String::from("kept ");
        escape_into(&mut out, "Tom & Jerry's <b>\"café\"</b> — 5 > 3");
        assert_eq!(out, "kept Tom &amp; Jerry&#39;s &lt;b&gt;&quot;café&quot;&lt;/b&gt; — 5 &gt; 3");
        let mut plain = String::new();
        escape_into(&mut plain, "");
        escape_into(&mut plain, "&");
        assert_eq!(plain, "&amp;");
    }

    #[test]
    fn the_window_starts_at_a_word_about_forty_characters_before_the_first_match() {
        assert_eq!(window_start("short text here", 11), 0);
        let exactly = "a".repeat(LEAD_CHARS);
        assert_eq!(window_start(&format!("{exactly}match"), LEAD_CHARS), 0);
        let text = format!("{} éééé one two three four five six seven eight match", "x".repeat(30));
        let first = text.find("match").unwrap();
        let start = window_start(&text, first);
        // The fortieth character before the match starts "one"; the window starts at the next word.
        assert!(text[start..].starts_with("two"), "{:?}", &text[start..]);
        assert!(text[start..first].chars().count() <= LEAD_CHARS);
    }
}
