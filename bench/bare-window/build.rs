//! Tauri's build step (reads `tauri.conf.json`, embeds `dist/`).

fn main() {
    tauri_build::build();
}
