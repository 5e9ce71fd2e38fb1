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
mod support;
mod visitors;
mod websites;
