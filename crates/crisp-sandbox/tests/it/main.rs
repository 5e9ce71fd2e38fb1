//! The sandbox over raw HTTP (reqwest, never crisp-client): contract examples, status codes, reasons and
//! envelopes, filtering and paging, the message-history walk, faults and the control API.

mod auth;
mod batch;
mod control;
mod conversations;
mod faults;
mod lifecycle;
mod messages;
mod people;
mod routes;
mod support;
mod visitors_and_operators;
mod websites;
