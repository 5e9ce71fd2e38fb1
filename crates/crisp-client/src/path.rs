//! Path IDs: validated, then percent-encoded, so an ID can never leave its segment.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use crate::error::{Error, Result};

/// Everything that could end a segment, start a query or fragment, or be read as an escape.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'\\')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// `id` as one path segment: refused when empty, `.` or `..` (which URL parsing would resolve away), otherwise
/// percent-encoded (a UUID or `session_…` passes unchanged).
pub(crate) fn segment(field: &str, id: &str) -> Result<String> {
    if id.trim().is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    if id == "." || id == ".." {
        return Err(Error::invalid(field, "must be an ID, not a relative path"));
    }
    Ok(utf8_percent_encode(id, SEGMENT).to_string())
}

/// `/v1/website/{website_id}` with the ID checked.
pub(crate) fn website(website_id: &str) -> Result<String> {
    Ok(format!(
        "/v1/website/{}",
        segment("website_id", website_id)?
    ))
}

/// `/v1/website/{website_id}/conversation/{session_id}` with both IDs checked.
pub(crate) fn conversation(website_id: &str, session_id: &str) -> Result<String> {
    Ok(format!(
        "{}/conversation/{}",
        website(website_id)?,
        segment("session_id", session_id)?
    ))
}

/// Refuses page 0: Crisp pages start at 1 and page 0 is unconfirmed.
pub(crate) fn page(page: u32) -> Result<u32> {
    if page == 0 {
        return Err(Error::invalid("page", "pages start at 1"));
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_kept_when_plain_and_encoded_when_they_could_escape_their_segment() {
        assert_eq!(
            segment("id", "session_7b1e4c9a-2f38").ok().as_deref(),
            Some("session_7b1e4c9a-2f38"),
            "plain IDs pass as given"
        );
        assert_eq!(
            segment("id", "a/b?c#d").ok().as_deref(),
            Some("a%2Fb%3Fc%23d"),
            "separators must be encoded"
        );
        assert_eq!(
            segment("id", "ana@example.com").ok().as_deref(),
            Some("ana@example.com"),
            "an email stays readable"
        );
    }

    #[test]
    fn empty_and_dot_ids_are_refused_with_the_field_named() {
        for bad in ["", " ", ".", ".."] {
            match segment("people_id", bad) {
                Err(Error::InvalidInput { field, .. }) => {
                    assert_eq!(field, "people_id", "the error must name the field")
                }
                other => panic!("{bad:?} must be refused, got {other:?}"),
            }
        }
    }
}
