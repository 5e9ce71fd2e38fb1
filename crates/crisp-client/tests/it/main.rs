//! The client against an in-process sandbox: every operation, paging, message history and the faults the
//! sandbox can stage, with the retry and scheduler behaviour the client promises.

mod backoff;
mod conversations;
mod faults;
mod messages;
mod operators;
mod paging;
mod people;
mod raw;
mod routing_and_batch;
mod support;
mod visitors;
mod websites;

/// Every operation's future and stream can move to another thread (the app and the watcher spawn them).
#[test]
fn futures_and_streams_can_move_between_threads() {
    use crisp_client::conversations::{GetConversation, SearchConversations};
    use crisp_client::messages::{ListMessages, SendMessage, SendMessageBody};
    use crisp_client::{Client, ClientConfig, Credentials, PageOptions, Tier};

    fn assert_send<T: Send>(_: &T) {}
    let credentials = Credentials::new("id", "key", Tier::User);
    let client = Client::new(ClientConfig::new(credentials)).expect("valid config");
    let request = GetConversation::new("w", "s");
    assert_send(&client.send(&request));
    assert_send(&client.send_message_once(SendMessage::new("w", "s", SendMessageBody::text("hi"))));
    assert_send(&client.paginate(SearchConversations::new("w"), PageOptions::default()));
    assert_send(&client.message_history(ListMessages::new("w", "s")));
}
