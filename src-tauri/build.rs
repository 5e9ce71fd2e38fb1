//! Tauri's build step. `generate_context!` needs the UI's `ui/dist` to exist, so a placeholder page is written
//! there when it is missing (a Rust-only build before `npm run build`); `ui/dist` is not committed.

use std::path::Path;

fn main() {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/dist");
    let index = dist.join("index.html");
    if !index.exists() {
        let page = "<!doctype html><meta charset=\"utf-8\"><title>Crisp Desk</title>\
                    <p>The UI is not built yet: run <code>npm run build</code>.</p>\n";
        if std::fs::create_dir_all(&dist)
            .and_then(|()| std::fs::write(&index, page))
            .is_err()
        {
            println!(
                "cargo::warning=could not write a placeholder {}",
                index.display()
            );
        }
    }
    tauri_build::build();
}
