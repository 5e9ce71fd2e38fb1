//! A bare Tauri v2 window, the baseline of `scripts/bench-startup.sh`: the same Tauri as Crisp Desk (the workspace's
//! Cargo.lock), no plugins, no commands, one window of Crisp Desk's size showing a static page.

// Without a console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(error) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("bare-window: {error}");
        std::process::exit(1);
    }
}
