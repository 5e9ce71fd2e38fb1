//! The rules a people profile's fields follow, written once: the CSV import checks its rows with them and the
//! desktop app hands the same table to the UI's profile form (`PEOPLE_FIELD_RULES` and `COUNTRY_CODES` in the
//! bindings), so the two cannot drift apart.
//!
//! A field is named by its dotted path in the write body (`person.geolocation.country`) and labelled as the
//! "Add a People" module labels it. A list field's format applies to each of its items.

use serde::Serialize;

/// What a field's value must look like.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PeopleFieldFormat {
    /// An email address: one `@`, a local part and a dotted domain whose parts are not empty, no spaces.
    Email,
    /// A full `http(s)://` URL with a dotted host (or `localhost`), no spaces.
    Url,
    /// An ISO 3166-1 alpha-2 country code in capitals (or `XK`), one of [`COUNTRY_CODES`].
    Country,
    /// A two-letter language code, optionally with a region or script (`en`, `pt-BR`, `zh_Hant`).
    Locale,
    /// A whole number from `min` to `max` (held as `f64`, as JSON and TypeScript hold numbers).
    Whole {
        /// The smallest value taken.
        min: f64,
        /// The largest value taken.
        max: f64,
    },
    /// A number from `min` to `max`.
    Decimal {
        /// The smallest value taken.
        min: f64,
        /// The largest value taken.
        max: f64,
    },
}

/// One field of a people profile and what it takes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PeopleFieldRule {
    /// The dotted path in the write body (`person.geolocation.country`).
    pub field: &'static str,
    /// The label the "Add a People" module gives it.
    pub label: &'static str,
    /// Whether a new profile must have it.
    pub required: bool,
    /// What its value (each item, for a list) must look like, when anything is checked.
    pub format: Option<PeopleFieldFormat>,
}

const fn field(field: &'static str, label: &'static str) -> PeopleFieldRule {
    PeopleFieldRule {
        field,
        label,
        required: false,
        format: None,
    }
}

const fn formatted(
    field: &'static str,
    label: &'static str,
    format: PeopleFieldFormat,
) -> PeopleFieldRule {
    PeopleFieldRule {
        field,
        label,
        required: false,
        format: Some(format),
    }
}

const TIMEZONE: PeopleFieldFormat = PeopleFieldFormat::Whole {
    min: -840.0,
    max: 840.0,
};
const LATITUDE: PeopleFieldFormat = PeopleFieldFormat::Decimal {
    min: -90.0,
    max: 90.0,
};
const LONGITUDE: PeopleFieldFormat = PeopleFieldFormat::Decimal {
    min: -180.0,
    max: 180.0,
};
const METRIC: PeopleFieldFormat = PeopleFieldFormat::Whole {
    min: 0.0,
    max: u32::MAX as f64,
};

/// Every writable field of a people profile, in the order the module lists them.
pub const PEOPLE_FIELD_RULES: &[PeopleFieldRule] = &[
    PeopleFieldRule {
        required: true,
        ..formatted("email", "Email", PeopleFieldFormat::Email)
    },
    PeopleFieldRule {
        required: true,
        ..field("person.nickname", "Full Name")
    },
    formatted("person.avatar", "Avatar URL", PeopleFieldFormat::Url),
    field("person.gender", "Gender"),
    field("person.phone", "Phone Number"),
    field("person.address", "User Address"),
    field("person.description", "Description"),
    formatted("person.website", "User Website", PeopleFieldFormat::Url),
    formatted("person.timezone", "Timezone", TIMEZONE),
    field("person.profiles", "Profiles"),
    field("person.profiles.type", "Profile Type"),
    field("person.profiles.handle", "Handle"),
    formatted("person.profiles.url", "Profile URL", PeopleFieldFormat::Url),
    field("person.employment.name", "Company Name"),
    field("person.employment.domain", "Company Domain Name"),
    field("person.employment.title", "User Title"),
    field("person.employment.role", "User Role"),
    field("person.employment.seniority", "User Seniority"),
    formatted(
        "person.geolocation.country",
        "Country Code",
        PeopleFieldFormat::Country,
    ),
    field("person.geolocation.region", "Region Code"),
    field("person.geolocation.city", "City Name"),
    formatted(
        "person.geolocation.coordinates.latitude",
        "Latitude",
        LATITUDE,
    ),
    formatted(
        "person.geolocation.coordinates.longitude",
        "Longitude",
        LONGITUDE,
    ),
    formatted("person.locales", "Locales", PeopleFieldFormat::Locale),
    field("company.name", "Company Name"),
    field("company.legal_name", "Company Legal Name"),
    field("company.domain", "Company Domain Name"),
    formatted("company.url", "Company Website URL", PeopleFieldFormat::Url),
    field("company.description", "Company Description"),
    formatted("company.timezone", "Company Timezone Offset", TIMEZONE),
    field("company.phones", "Company Phones"),
    formatted("company.emails", "Company Emails", PeopleFieldFormat::Email),
    formatted(
        "company.geolocation.country",
        "Country Code",
        PeopleFieldFormat::Country,
    ),
    field("company.geolocation.region", "Region Code"),
    field("company.geolocation.city", "City Name"),
    formatted(
        "company.geolocation.coordinates.latitude",
        "Latitude",
        LATITUDE,
    ),
    formatted(
        "company.geolocation.coordinates.longitude",
        "Longitude",
        LONGITUDE,
    ),
    formatted("company.metrics.employees", "Number of Employees", METRIC),
    formatted(
        "company.metrics.market_cap",
        "Market Capitalization",
        METRIC,
    ),
    formatted("company.metrics.raised", "Money Raised", METRIC),
    formatted("company.metrics.arr", "Annual Recurring Revenue", METRIC),
    field("company.tags", "Tags"),
    field("segments", "Segments"),
    field("notepad", "Private Notepad"),
];

/// ISO 3166-1 alpha-2 codes, and `XK`, which geolocation services use for Kosovo.
pub const COUNTRY_CODES: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "XK", "YE", "YT", "ZA", "ZM", "ZW",
];

/// The rule for the field at dotted `path` (`person.profiles.0.url` finds `person.profiles.url`).
pub fn field_rule(path: &str) -> Option<&'static PeopleFieldRule> {
    let path = path
        .split('.')
        .filter(|key| key.parse::<usize>().is_err())
        .collect::<Vec<_>>()
        .join(".");
    PEOPLE_FIELD_RULES.iter().find(|rule| rule.field == path)
}

/// Whether `code` is a two-letter country code in capitals (`PT`, `US`).
pub fn is_country(code: &str) -> bool {
    COUNTRY_CODES.contains(&code)
}

/// Whether `value` looks like an email address (one `@`, a dotted domain, no spaces).
pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !value.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
}

/// Whether `value` is a full `http(s)://` URL with a dotted host or `localhost` (`https://example.com/a`).
pub fn is_url(value: &str) -> bool {
    if value.chars().any(char::is_whitespace) {
        return false;
    }
    let lower = value.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return false;
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let dotted_host = rest.get(1..host_end).is_some_and(|host| host.contains('.'));
    let localhost = rest.strip_prefix("localhost").is_some_and(|tail| {
        let (port, path) = tail.split_at(tail.find('/').unwrap_or(tail.len()));
        let port_ok = port.is_empty()
            || port.strip_prefix(':').is_some_and(|digits| {
                !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
            });
        port_ok && (path.is_empty() || path.starts_with('/'))
    });
    dotted_host || localhost
}

/// Whether `value` is a language code: two letters, then optionally `-` or `_` and 2 to 4 letters or digits.
pub fn is_locale(value: &str) -> bool {
    let bytes = value.as_bytes();
    let language = bytes.len() >= 2 && bytes[..2].iter().all(u8::is_ascii_alphabetic);
    match bytes.get(2) {
        None => language,
        Some(b'-' | b'_') => {
            let tail = &bytes[3..];
            language && (2..=4).contains(&tail.len()) && tail.iter().all(u8::is_ascii_alphanumeric)
        }
        Some(_) => false,
    }
}

impl PeopleFieldFormat {
    /// Whether `text` (one item, for a list field) has this format; numbers are checked as typed (`-60`, `38.7`).
    pub fn accepts_text(&self, text: &str) -> bool {
        match *self {
            Self::Email => is_email(text),
            Self::Url => is_url(text),
            Self::Country => is_country(text),
            Self::Locale => is_locale(text),
            Self::Whole { min, max } => {
                let digits = text.strip_prefix('-').unwrap_or(text);
                !digits.is_empty()
                    && digits.bytes().all(|b| b.is_ascii_digit())
                    && text.parse::<f64>().is_ok_and(|n| (min..=max).contains(&n))
            }
            Self::Decimal { min, max } => {
                let unsigned = text.strip_prefix('-').unwrap_or(text);
                let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
                let digits =
                    |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
                digits(whole)
                    && digits(fraction)
                    && text.parse::<f64>().is_ok_and(|n| (min..=max).contains(&n))
            }
        }
    }

    /// Whether the number `value` has this format (a text format takes no number).
    pub fn accepts_number(&self, value: f64) -> bool {
        match *self {
            Self::Whole { min, max } => value.fract() == 0.0 && (min..=max).contains(&value),
            Self::Decimal { min, max } => (min..=max).contains(&value),
            Self::Email | Self::Url | Self::Country | Self::Locale => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format_of(path: &str) -> PeopleFieldFormat {
        field_rule(path)
            .and_then(|rule| rule.format)
            .unwrap_or_else(|| panic!("{path} has a format"))
    }

    #[test]
    fn a_country_must_be_an_iso_code_in_capitals() {
        let country = format_of("person.geolocation.country");
        for good in ["FR", "PT", "US"] {
            assert!(country.accepts_text(good), "{good} is a country");
        }
        for bad in ["ZZ", "XX", "fr", "pt", "FRA", "POR", "", "F", "P"] {
            assert!(!country.accepts_text(bad), "{bad:?} is not a country code");
        }
        assert_eq!(
            format_of("company.geolocation.country"),
            country,
            "the company's country follows the same rule"
        );
    }

    #[test]
    fn the_country_list_has_every_iso_code_and_kosovo() {
        assert_eq!(COUNTRY_CODES.len(), 250, "249 ISO 3166-1 codes and XK");
        let mut sorted = COUNTRY_CODES.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 250, "each code once");
    }

    #[test]
    fn email_url_and_locale_formats_take_what_the_form_and_the_import_took() {
        assert!(is_email("ana@example.com"));
        for bad in [
            "ana",
            "ana@example",
            "a@b..c",
            "a@.b.c",
            "a b@c.d",
            "a@b@c.d",
        ] {
            assert!(!is_email(bad), "{bad:?} is not an email address");
        }
        for good in [
            "https://example.com",
            "http://x.example/a?b#c",
            "HTTPS://Example.COM",
            "http://localhost",
            "http://localhost:1420/a",
        ] {
            assert!(is_url(good), "{good:?} is a URL");
        }
        for bad in [
            "example.com",
            "ftp://x.example",
            "https://example",
            "https://",
            "https://a b.c",
            "http://localhost:x",
        ] {
            assert!(!is_url(bad), "{bad:?} is not a full URL");
        }
        for good in ["en", "pt-BR", "zh_Hant", "PT"] {
            assert!(is_locale(good), "{good:?} is a locale");
        }
        for bad in ["e", "eng", "en-", "en-B", "en-Hants", "1n"] {
            assert!(!is_locale(bad), "{bad:?} is not a locale");
        }
    }

    #[test]
    fn numbers_stay_in_their_ranges_typed_or_parsed() {
        let timezone = format_of("person.timezone");
        assert!(timezone.accepts_text("-60") && timezone.accepts_number(-60.0));
        assert!(!timezone.accepts_text("841") && !timezone.accepts_number(841.0));
        assert!(
            !timezone.accepts_text("1.5") && !timezone.accepts_number(1.5),
            "offsets are whole"
        );
        let latitude = format_of("person.geolocation.coordinates.latitude");
        assert!(latitude.accepts_text("38.72") && latitude.accepts_number(-90.0));
        assert!(!latitude.accepts_text("91") && !latitude.accepts_text("north"));
        let employees = format_of("company.metrics.employees");
        assert!(employees.accepts_number(4_294_967_295.0) && !employees.accepts_number(-1.0));
        assert!(!employees.accepts_text("4294967296"), "metrics fit 32 bits");
    }

    #[test]
    fn new_profiles_need_an_email_and_a_name() {
        let required: Vec<_> = PEOPLE_FIELD_RULES
            .iter()
            .filter(|rule| rule.required)
            .map(|rule| rule.field)
            .collect();
        assert_eq!(required, ["email", "person.nickname"]);
        assert_eq!(
            field_rule("person.profiles.2.url").map(|rule| rule.label),
            Some("Profile URL"),
            "a row of a list is found by its field"
        );
    }

    #[test]
    fn every_field_is_a_profile_write_field() {
        use crate::people::PeopleProfileWrite;
        use serde_json::{json, Map, Value};
        for rule in PEOPLE_FIELD_RULES {
            if rule.field.starts_with("person.profiles.") {
                continue;
            }
            let mut body = json!({ "email": "a@b.example" });
            let mut node = body.as_object_mut().expect("an object");
            let keys: Vec<_> = rule.field.split('.').collect();
            for key in &keys[..keys.len() - 1] {
                node = node
                    .entry(key.to_string())
                    .or_insert_with(|| Value::Object(Map::new()))
                    .as_object_mut()
                    .expect("an object");
            }
            let sample = match (rule.field, rule.format) {
                ("person.profiles", _) => json!([{ "type": "x" }]),
                (
                    "person.locales" | "company.phones" | "company.emails" | "company.tags"
                    | "segments",
                    _,
                ) => {
                    json!(["x"])
                }
                (_, Some(PeopleFieldFormat::Whole { .. })) => json!(1),
                (_, Some(PeopleFieldFormat::Decimal { .. })) => json!(1.5),
                _ => json!("x"),
            };
            node.insert(keys[keys.len() - 1].to_owned(), sample);
            let typed: PeopleProfileWrite = serde_json::from_value(body.clone())
                .unwrap_or_else(|error| panic!("{} is a write field: {error}", rule.field));
            assert_eq!(
                serde_json::to_value(typed).ok(),
                Some(body),
                "{} survives the typed write body",
                rule.field
            );
        }
    }
}
