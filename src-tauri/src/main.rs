//! Crisp Desk's executable: everything lives in the library.

// Without a console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    crisp_desk_lib::run();
}
