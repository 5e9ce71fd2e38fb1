//! People CSV commands as the app runs them: one import at a time per connection.

use std::path::PathBuf;

use crisp_desk_lib::commands::people_csv::{
    plan_people_import, run_people_import, FileChooser, PeopleCsv,
};
use crisp_desk_lib::connections::ConnectionId;
use tauri::ipc::Channel;
use tauri::Manager;

use crate::support::{block_on, keychain_in, mock_store, TestApp};

/// Answers every file dialog with the same file.
struct FileAt(PathBuf);

impl FileChooser for FileAt {
    fn choose(&self, _save_as: Option<&str>) -> tokio::sync::oneshot::Receiver<Option<PathBuf>> {
        let (sender, receiver) = tokio::sync::oneshot::channel();
        let _ = sender.send(Some(self.0.clone()));
        receiver
    }
}

fn quiet<T>() -> Channel<T> {
    Channel::new(|_| Ok(()))
}

#[test]
fn a_second_import_for_the_same_connection_is_refused_while_the_first_runs() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let file = app.data.path().join("people.csv");
    std::fs::write(
        &file,
        "email,person.nickname\nana@example.com,Ana\nrui@example.com,Rui\n",
    )
    .expect("writable");
    app.app
        .manage(PeopleCsv::with_chooser(Box::new(FileAt(file))));
    let demo = ConnectionId::demo();
    let (state, csv) = (app.state(), app.app.state::<PeopleCsv>());
    block_on(plan_people_import(state.clone(), csv.clone(), demo.clone()))
        .expect("the file is read")
        .expect("a file was chosen");

    // `join` polls the first import first: it takes the connection's slot before its first request to Crisp,
    // so the second one starts while the first is in flight.
    let (first, second) = block_on(futures::future::join(
        run_people_import(state.clone(), csv.clone(), demo.clone(), quiet()),
        run_people_import(state.clone(), csv.clone(), demo.clone(), quiet()),
    ));
    let second = second.expect_err("a second import of the same connection must not run at once");
    assert_eq!(
        second.kind,
        crisp_desk_lib::error::ErrorKind::InvalidInput,
        "refused as a request the UI should not have made: {second:?}"
    );
    assert!(
        second.message.contains("already running"),
        "the message says an import is already running: {}",
        second.message
    );
    let first = first.expect("the first import runs to the end");
    assert_eq!(
        first.created + first.updated,
        2,
        "the first import sent both rows: {first:?}"
    );

    let again = block_on(run_people_import(state, csv, demo, quiet()))
        .expect("once the first import is done, the connection can import again");
    assert_eq!(
        again.created + again.updated,
        2,
        "running the file again sends both rows again"
    );
}
