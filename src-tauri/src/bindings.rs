//! The one specta builder: every command, grouped by domain word, and the types that cross IPC. The app mounts it;
//! the `export_bindings` test writes it to `ui/src/bindings.ts`, and a drift test fails when that file is stale.

use specta_typescript::Typescript;
use tauri::Runtime;
use tauri_specta::{collect_commands, Builder};

use crate::commands::{canned_replies, connections, links, local, monitor, people_csv, sync};

/// Where the committed bindings live (absolute, so the working directory never matters).
pub const BINDINGS_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/bindings.ts");

/// The command that regenerates the bindings.
pub const REGENERATE: &str = "npm run bindings";

/// Writes [`builder`]: the app's own commands around every command of the operation table, in the table's order
/// (a paged operation's streaming command right after it). Walks the rows one at a time, gathering the paths.
macro_rules! operation_builder {
    ($($section:ident $handler:tt $about:literal {
        $($docs:tt $verb:ident $aliases:tt $command:ident $request:ident $kind:tt $scope:ident $help:literal;)*
    })*) => {
        operation_builder! { @rows [] $($([$section $command $kind])*)* }
    };
    (@rows [$($done:tt)*] [$section:ident $command:ident [paged($stream:ident)]] $($rest:tt)*) => {
        operation_builder! { @rows [$($done)* crate::commands::$section::$command, crate::commands::$section::$stream,] $($rest)* }
    };
    (@rows [$($done:tt)*] [$section:ident $command:ident $kind:tt] $($rest:tt)*) => {
        operation_builder! { @rows [$($done)* crate::commands::$section::$command,] $($rest)* }
    };
    (@rows [$($operations:tt)*]) => {
        /// The builder shared by the app and the bindings tests.
        pub fn builder<R: Runtime>() -> Builder<R> {
            Builder::<R>::new()
                .commands(collect_commands![
                    // connections
                    connections::list_connections,
                    connections::save_connection,
                    connections::test_connection,
                    connections::delete_connection,
                    connections::select_connection,
                    connections::quota,
                    links::open_external_link,
                    // Crisp operations, from the table
                    $($operations)*
                    // monitor
                    monitor::monitor_settings,
                    monitor::set_monitor_settings,
                    monitor::monitor_preferences,
                    monitor::set_monitor_preferences,
                    monitor::monitor_status,
                    monitor::monitor_now,
                    monitor::set_window_focused,
                    // people CSV
                    people_csv::export_people,
                    people_csv::plan_people_import,
                    people_csv::run_people_import,
                    people_csv::cancel_people_csv,
                    people_csv::save_people_import_errors,
                    // canned replies (app data in the local store, not Crisp operations)
                    canned_replies::list_canned_replies,
                    canned_replies::save_canned_reply,
                    canned_replies::delete_canned_reply,
                    // local store
                    local::search_stored_conversations,
                    local::search_stored_people_profiles,
                    local::get_stored_conversation,
                    local::get_stored_thread,
                    local::get_stored_people_profile,
                    local::export_thread,
                    local::export_conversations,
                    // local store: sync
                    sync::stored_inbox,
                    sync::stored_outbox,
                    sync::remove_queued_message,
                    sync::stored_unread,
                    sync::forget_unread,
                    sync::stored_draft,
                    sync::stored_drafts,
                    sync::keep_draft,
                ])
                .events(tauri_specta::collect_events![
                    monitor::MonitorUpdateEvent,
                    monitor::LiveEvent
                ])
                // Crisp's per_page range, so the forms check it with the client's own bounds.
                .constant("PER_PAGE_MIN", crisp_client::paging::PER_PAGE_MIN)
                .constant("PER_PAGE_MAX", crisp_client::paging::PER_PAGE_MAX)
                // The most conversations one batch request names, so the bulk bar's chunks match the client's.
                .constant("BATCH_CHUNK_SIZE", crisp_client::conversations::BATCH_CHUNK_SIZE)
                // The people field rules, so the profile form checks what the CSV import checks.
                .constant("PEOPLE_FIELD_RULES", crisp_client::people::rules::PEOPLE_FIELD_RULES)
                .constant("COUNTRY_CODES", crisp_client::people::rules::COUNTRY_CODES)
                .typ::<crisp_client::people::rules::PeopleFieldRule>()
                .typ::<crate::error::AppError>()
                .typ::<crisp_client::JsonValue>()
        }
    };
}

crisp_client::for_each_operation!(operation_builder);

/// The TypeScript exporter settings used for `ui/src/bindings.ts`.
pub fn typescript() -> Typescript {
    Typescript::default()
        .header("// Generated by src-tauri (bindings.rs): do not edit; run `npm run bindings`.\n")
}

/// Writes the bindings to `path`.
pub fn export_to(path: &std::path::Path) -> Result<(), specta_typescript::Error> {
    builder::<tauri::Wry>().export(typescript(), path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes the committed bindings; run through `npm run bindings`.
    #[test]
    #[ignore = "writes ui/src/bindings.ts; run `npm run bindings`"]
    fn export_bindings() {
        export_to(std::path::Path::new(BINDINGS_PATH)).expect("the bindings must export");
    }

    /// The bindings the builder writes now.
    fn fresh_bindings() -> String {
        let dir = tempfile::tempdir().expect("tempdir");
        let fresh = dir.path().join("bindings.ts");
        export_to(&fresh).expect("the bindings must export");
        std::fs::read_to_string(&fresh).expect("just written")
    }

    #[test]
    fn every_operation_of_the_table_is_a_command_and_every_paged_one_streams() {
        let bindings = fresh_bindings();
        let commands = crisp_client::operations::OPERATIONS
            .iter()
            .flat_map(|operation| std::iter::once(operation.command).chain(operation.stream));
        for command in commands {
            assert!(
                bindings.contains(&format!(
                    "__TAURI_INVOKE(\"{command}\", {{ connection, request"
                )),
                "`{command}` is a command taking the connection and the request"
            );
        }
    }

    #[test]
    fn committed_bindings_match_the_commands() {
        let fresh = fresh_bindings();
        let committed = std::fs::read_to_string(BINDINGS_PATH).unwrap_or_default();
        assert!(
            fresh == committed,
            "ui/src/bindings.ts is stale: run {REGENERATE}"
        );
    }
}
