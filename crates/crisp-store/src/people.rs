//! People profiles: upserted newest-wins by `updated_at`.

use rusqlite::{params, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::Result;
use crate::{as_i64, as_str, decode, joined, now_ms, Store, Stored};

const UPSERT: &str = "
INSERT INTO people_profiles (people_id, email, nickname, segments, updated_at, raw, stored_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT (people_id) DO UPDATE SET
    email = excluded.email, nickname = excluded.nickname, segments = excluded.segments,
    updated_at = excluded.updated_at, raw = excluded.raw, stored_at = excluded.stored_at
WHERE coalesce(excluded.updated_at, -1) >= coalesce(people_profiles.updated_at, -1)";

impl Store {
    /// Keeps `profiles` (Crisp's JSON objects, or `crisp_client` models) as given, in one transaction; a stored
    /// profile is replaced only by one with the same or a newer `updated_at`. Items without a `people_id` are
    /// skipped. Answers how many were written.
    pub fn upsert_people_profiles<T: Serialize>(&mut self, profiles: &[T]) -> Result<usize> {
        let stored_at = now_ms();
        self.write_each(UPSERT, profiles, |_, upsert, raw| {
            let Some(people_id) = as_str(raw.get("people_id")) else {
                return Ok(0);
            };
            let person = raw.get("person");
            upsert.execute(params![
                people_id,
                as_str(raw.get("email")),
                person.and_then(|person| as_str(person.get("nickname"))),
                joined(raw.get("segments")),
                as_i64(raw.get("updated_at")),
                raw.to_string(),
                stored_at,
            ])
        })
    }

    /// One stored profile, as a `serde_json::Value` or a model.
    pub fn people_profile<T: DeserializeOwned>(&self, people_id: &str) -> Result<Option<T>> {
        let raw: Option<String> = self
            .connection
            .query_row(
                "SELECT raw FROM people_profiles WHERE people_id = ?1",
                [people_id],
                |row| row.get(0),
            )
            .optional()?;
        raw.map(|raw| decode(&raw)).transpose()
    }

    /// One stored profile with when it was stored (offline reading).
    pub fn stored_people_profile<T: DeserializeOwned>(
        &self,
        people_id: &str,
    ) -> Result<Option<Stored<T>>> {
        self.stored_row(
            "SELECT raw, stored_at FROM people_profiles WHERE people_id = ?1",
            people_id,
        )
    }
}
