//! Full-text search over stored conversations (nickname, email, subject, segments) and message text.

use std::collections::HashSet;

use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::Store;

/// Marks SQLite puts around matched words; private-use characters, taken out of stored text before splitting.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Conversations whose nickname, email, subject or segments match, most recently stored first, with their snippet.
/// FTS5 walks its index backwards by rowid without sorting, so a snippet is made only for the rows read, and the
/// reading stops as soon as enough conversations are found.
const CONVERSATION_MATCHES: &str = "
SELECT c.session_id, snippet(conversations_search, -1, char(57344), char(57345), '…', 12)
FROM conversations_search JOIN conversations c ON c.id = conversations_search.rowid
WHERE conversations_search MATCH ?1
ORDER BY conversations_search.rowid DESC";

/// Messages whose text matches, most recently stored first (the same backward walk), with their snippet.
const MESSAGE_MATCHES: &str = "
SELECT m.session_id, snippet(messages_search, 0, char(57344), char(57345), '…', 12), m.fingerprint
FROM messages_search JOIN messages m ON m.id = messages_search.rowid
WHERE messages_search MATCH ?1
ORDER BY messages_search.rowid DESC";

/// People profiles by nickname, email or segments, best match first.
const SEARCH_PEOPLE: &str = "
SELECT p.people_id, snippet(people_search, -1, char(57344), char(57345), '…', 12)
FROM people_search JOIN people_profiles p ON p.id = people_search.rowid
WHERE people_search MATCH ?1
ORDER BY people_search.rank
LIMIT ?2";

/// A piece of a snippet: plain text, or words the query matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SnippetPart {
    /// The text, as stored.
    pub text: String,
    /// Whether these are words the query matched (to highlight).
    pub matched: bool,
}

/// One conversation a search found, with the best matching snippet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SearchHit {
    /// The conversation.
    pub session_id: String,
    /// The matching message, when the match is in message text rather than the conversation's fields.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub fingerprint: Option<i64>,
    /// The matching text around the matched words, split for highlighting.
    pub snippet: Vec<SnippetPart>,
}

/// One people profile a search found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PeopleHit {
    /// The profile.
    pub people_id: String,
    /// The matching field around the matched words, split for highlighting.
    pub snippet: Vec<SnippetPart>,
}

impl Store {
    /// Conversations matching every word of `query` (the last, being typed, also as a prefix, so results follow
    /// typing), at most `limit`, one hit per conversation: matches in nickname, email, subject or
    /// segments come before matches in message text, each most recently stored first. The query is taken as plain
    /// words: FTS5 syntax in it (quotes, `*`, `OR`, `-`, `:`, parentheses) is searched for, never interpreted.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let Some(expression) = match_expression(query) else {
            return Ok(Vec::new());
        };
        let mut seen = HashSet::new();
        let mut hits = Vec::new();
        for (sql, in_messages) in [(CONVERSATION_MATCHES, false), (MESSAGE_MATCHES, true)] {
            if hits.len() >= limit {
                break;
            }
            let mut statement = self.connection.prepare_cached(sql)?;
            let mut rows = statement.query(params![expression])?;
            while hits.len() < limit {
                let Some(row) = rows.next()? else { break };
                let session_id: String = row.get(0)?;
                if !seen.insert(session_id.clone()) {
                    continue;
                }
                let snippet: Option<String> = row.get(1)?;
                hits.push(SearchHit {
                    session_id,
                    fingerprint: if in_messages { row.get(2)? } else { None },
                    snippet: split(snippet.as_deref().unwrap_or_default()),
                });
            }
        }
        Ok(hits)
    }
}

impl Store {
    /// People profiles matching every word of `query` (the last also as a prefix) in their nickname, email or segments,
    /// best first, at most `limit`; the query is plain words, as in [`Store::search`].
    pub fn search_people(&self, query: &str, limit: usize) -> Result<Vec<PeopleHit>> {
        let Some(expression) = match_expression(query) else {
            return Ok(Vec::new());
        };
        let mut statement = self.connection.prepare_cached(SEARCH_PEOPLE)?;
        let rows = statement.query_map(params![expression, limit as i64], |row| {
            Ok(PeopleHit {
                people_id: row.get(0)?,
                snippet: split(
                    row.get::<_, Option<String>>(1)?
                        .as_deref()
                        .unwrap_or_default(),
                ),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// `query` as an FTS5 expression of quoted phrases, one per word, all required: the words before the last whole, the
/// last (being typed) as a prefix from two characters (`"parcel" "arr"*`); `None` when it has no word to search
/// for. Quoting (with `"` doubled) makes every character literal.
pub(crate) fn match_expression(query: &str) -> Option<String> {
    let words: Vec<String> = query
        .split_whitespace()
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .map(|word| word.chars().filter(|c| *c != OPEN && *c != CLOSE).collect())
        .collect();
    let last = words.len().checked_sub(1)?;
    let phrases: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(index, word)| {
            // Only the word being typed (the last) is a prefix, and only from two characters: a finished word is
            // matched whole, and a single character as a prefix would read nearly every row.
            let prefix = if index == last && word.chars().count() > 1 {
                "*"
            } else {
                ""
            };
            format!("\"{}\"{prefix}", word.replace('"', "\"\""))
        })
        .collect();
    Some(phrases.join(" "))
}

/// Splits a snippet at SQLite's marks into plain and matched parts.
fn split(snippet: &str) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut matched = false;
    for c in snippet.chars() {
        if c == OPEN || c == CLOSE {
            if !text.is_empty() {
                parts.push(SnippetPart {
                    text: std::mem::take(&mut text),
                    matched,
                });
            }
            matched = c == OPEN;
        } else {
            text.push(c);
        }
    }
    if !text.is_empty() {
        parts.push(SnippetPart { text, matched });
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_becomes_quoted_prefix_phrases_with_quotes_doubled() {
        assert_eq!(
            match_expression(r#"jane "OR" a*b"#).as_deref(),
            Some(r#""jane" """OR""" "a*b"*"#),
            "every word is one quoted phrase, so FTS5 reads none of it as syntax; the last is a prefix"
        );
        assert_eq!(
            match_expression("doe j").as_deref(),
            Some(r#""doe" "j""#),
            "a single character is a whole word: as a prefix it would read nearly every row"
        );
        assert_eq!(
            match_expression("  * ( ) \" "),
            None,
            "punctuation alone searches for nothing"
        );
    }

    #[test]
    fn a_snippet_splits_into_plain_and_matched_parts() {
        let parts = split("hello \u{E000}refund\u{E001} please");
        let texts: Vec<(&str, bool)> = parts.iter().map(|p| (p.text.as_str(), p.matched)).collect();
        assert_eq!(
            texts,
            [("hello ", false), ("refund", true), (" please", false)],
            "the marked words are the matched part"
        );
    }
}
