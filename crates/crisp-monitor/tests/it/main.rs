//! The monitor against an in-process sandbox: one binary, a module per concern.

mod budget;
mod events;
mod flight;
mod live;
mod paging;
mod registry;
mod resume;
mod slow_proxy;
mod support;
