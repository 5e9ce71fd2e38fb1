//! Placeholder until the client and the sandbox land.
fn main() {}
