//! Operators: the list as Crisp last answered it.

use crisp_client::operators::OperatorEntry;
use rusqlite::params;
use serde_json::Value;

use crate::error::Result;
use crate::{as_str, Store};

impl Store {
    /// Replaces the stored operators with `entries` (Crisp answers the whole list at once), in their order.
    pub fn replace_operators(&mut self, entries: &[OperatorEntry]) -> Result<()> {
        let transaction = self.connection.transaction()?;
        transaction.execute("DELETE FROM operators", [])?;
        {
            let mut insert = transaction.prepare_cached(
                "INSERT INTO operators (position, user_id, email, raw) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (position, entry) in entries.iter().enumerate() {
                let raw = serde_json::to_value(entry)?;
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

    /// The stored operators, in Crisp's order.
    pub fn operators(&self) -> Result<Vec<OperatorEntry>> {
        let mut statement = self
            .connection
            .prepare_cached("SELECT raw FROM operators ORDER BY position")?;
        let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
        rows.map(|raw| {
            Ok(serde_json::from_value(serde_json::from_str::<Value>(
                &raw?,
            )?)?)
        })
        .collect()
    }
}
