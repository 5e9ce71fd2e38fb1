//! Operators: the list as Crisp last answered it.

use crisp_client::operators::without_keys;
use rusqlite::params;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::Result;
use crate::{as_str, decode, Store};

impl Store {
    /// Replaces the stored operators with `entries` (Crisp's `{ type, details }` JSON objects, or
    /// `crisp_client` models; Crisp answers the whole list at once), in their order. Any `key` member, at any
    /// depth, is dropped first, as the client does: a token holder's secret never reaches the file.
    pub fn replace_operators<T: Serialize>(&mut self, entries: &[T]) -> Result<()> {
        let transaction = self.connection.transaction()?;
        transaction.execute("DELETE FROM operators", [])?;
        {
            let mut insert = transaction.prepare_cached(
                "INSERT INTO operators (position, user_id, email, raw) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (position, entry) in entries.iter().enumerate() {
                let mut raw = serde_json::to_value(entry)?;
                without_keys(&mut raw);
                let details = raw.get("details");
                insert.execute(params![
                    position as i64,
                    details.and_then(|d| as_str(d.get("user_id"))),
                    details.and_then(|d| as_str(d.get("email"))),
                    raw.to_string(),
                ])?;
            }
        }
        transaction.commit()?;
        Ok(())
    }

    /// The stored operators, in Crisp's order, as `serde_json::Value`s or models.
    pub fn operators<T: DeserializeOwned>(&self) -> Result<Vec<T>> {
        let mut statement = self
            .connection
            .prepare_cached("SELECT raw FROM operators ORDER BY position")?;
        let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
        rows.map(|raw| decode(&raw?)).collect()
    }
}
