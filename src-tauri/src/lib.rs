//! Crisp Desk, the desktop app: Tauri commands adapting `crisp-client` to the web view, saved connections (keys in
//! the system keychain), and the built-in Demo connection on an in-process Crisp sandbox.

pub mod bindings;
pub mod commands;
pub mod connections;
pub mod demo;
pub mod error;
pub mod local;
pub mod monitor;
pub mod state;
pub mod usage;
mod versioned;

use std::path::PathBuf;

use tauri::Manager;

use crate::connections::keychain::Keychain;
use crate::demo::Demo;
use crate::state::AppState;

/// Overrides the app's config directory (where `connections.json` lives); the e2e tests start each scenario from
/// a fresh one.
pub const CONFIG_DIR_ENV: &str = "CRISP_DESK_CONFIG_DIR";

/// Overrides the app's data directory (the web view's storage).
pub const DATA_DIR_ENV: &str = "CRISP_DESK_DATA_DIR";

/// Log filter, in `tracing_subscriber::EnvFilter` syntax (default `info`).
pub const LOG_ENV: &str = "CRISP_DESK_LOG";

/// Where the app keeps its files.
#[derive(Debug, Clone)]
pub struct AppDirs {
    /// Config: `connections.json`.
    pub config: PathBuf,
    /// Data: the web view's storage.
    pub data: PathBuf,
}

impl AppDirs {
    /// Tauri's app config and data directories, unless the environment overrides them.
    pub fn resolve<R: tauri::Runtime>(app: &tauri::AppHandle<R>) -> tauri::Result<AppDirs> {
        let from_env = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let config = match from_env(CONFIG_DIR_ENV) {
            Some(dir) => dir,
            None => app.path().app_config_dir()?,
        };
        let data = match from_env(DATA_DIR_ENV) {
            Some(dir) => dir,
            None => app.path().app_data_dir()?,
        };
        Ok(AppDirs { config, data })
    }
}

/// Logs to stderr, filtered by `CRISP_DESK_LOG` (default `info`).
fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env(LOG_ENV)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // The socket's frame traces would carry the key, whatever the user's filter asks for.
    let filter = crisp_client::rtm::QUIET_FRAME_LOGS
        .iter()
        .filter_map(|directive| directive.parse().ok())
        .fold(filter, tracing_subscriber::EnvFilter::add_directive);
    // A second subscriber (tests) is not an error worth stopping for.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .try_init();
}

/// JavaScriptCore options the web view starts with, unless the environment sets them already. Without the
/// optimizing JIT tier (DFG, and FTL above it) hot code stays in the baseline JIT: the web process keeps about
/// 10 MiB less at start (`scripts/bench-startup.sh`), and the UI's lists are virtualized, so little code is hot.
pub const WEB_VIEW_JS_OPTIONS: [(&str, &str); 1] = [("JSC_useDFGJIT", "false")];

/// How the web view draws where OpenGL can only be software (no GPU render node: virtual machines, remote desktops,
/// Xvfb), unless the environment says already: without WebKit's compositing mode, whose compositor then draws every
/// frame through software GL (llvmpipe), and with Skia on the CPU for what WebKit still paints itself. Measured under
/// Xvfb against the build before (`scripts/bench-startup.sh` with `CRISP_DESK_BEFORE`, both benches): scrolling
/// 10,000 conversations to the end took the web process's threads other than the page's 200 ms of CPU instead of
/// 7,690 (llvmpipe had most of it), 4.0 s instead of 8.7, with no frame over 30 ms; the app's processes were 57 MiB
/// smaller 10 s after start in WebKit's defaults. With a GPU, WebKit's own choice stands.
pub const SOFTWARE_GL_RENDERING: [(&str, &str); 2] = [
    ("WEBKIT_DISABLE_COMPOSITING_MODE", "1"),
    ("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1"),
];

/// The variables the web view starts with: [`WEB_VIEW_JS_OPTIONS`], and [`SOFTWARE_GL_RENDERING`] when the
/// machine has no GPU render node.
pub fn web_view_environment(gpu_render_node: bool) -> Vec<(&'static str, &'static str)> {
    let rendering = if gpu_render_node {
        &[][..]
    } else {
        &SOFTWARE_GL_RENDERING[..]
    };
    WEB_VIEW_JS_OPTIONS
        .iter()
        .chain(rendering)
        .copied()
        .collect()
}

/// Whether the machine has a GPU render node (`/dev/dri/renderD*`) that the web view's OpenGL could use.
fn has_gpu_render_node() -> bool {
    std::fs::read_dir("/dev/dri").is_ok_and(|entries| {
        entries
            .flatten()
            .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// Sets [`web_view_environment`] in this process's environment (what it sets already wins), which the web view's
/// processes inherit; called first thing, before any thread starts.
fn set_web_view_environment() {
    for (name, value) in web_view_environment(has_gpu_render_node()) {
        if std::env::var_os(name).is_none() {
            std::env::set_var(name, value);
        }
    }
}

/// Starts the app: the Demo sandbox, the saved connections, and the main window.
pub fn run() {
    set_web_view_environment();
    init_tracing();
    let bindings = bindings::builder::<tauri::Wry>();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(bindings.invoke_handler())
        .setup(move |app| {
            bindings.mount_events(app);
            let dirs = AppDirs::resolve(app.handle())?;
            tracing::info!(config = %dirs.config.display(), data = %dirs.data.display(), "starting Crisp Desk");
            // The Demo seeds on the runtime while the window and its web view start: the page cannot ask anything
            // before setup returns, and by then the Demo is waited for.
            let demo = tauri::async_runtime::spawn(Demo::start());
            // The window shows the app and nothing else: web links open in the system browser instead.
            let dev_url = app
                .config()
                .build
                .dev_url
                .clone()
                .filter(|_| tauri::is_dev());
            tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::default())
                .on_navigation(move |url| {
                    let allowed = commands::links::stays_in_app(url, dev_url.as_ref());
                    if !allowed {
                        tracing::warn!(%url, "refused a navigation away from the app");
                    }
                    allowed
                })
                .title("Crisp Desk")
                .inner_size(1200.0, 780.0)
                .min_inner_size(760.0, 520.0)
                .data_directory(dirs.data.join("webview"))
                .build()?;
            let demo = match tauri::async_runtime::block_on(demo) {
                Ok(Ok(demo)) => Some(demo),
                Ok(Err(error)) => {
                    tracing::error!(%error, "the Demo connection is unavailable");
                    None
                }
                Err(error) => {
                    tracing::error!(%error, "the Demo connection is unavailable");
                    None
                }
            };
            let state = AppState::load(&dirs.config, Keychain::secret_service(), demo)?
                .with_store_dir(dirs.data.join("stores"));
            app.manage(state);
            app.manage(commands::monitor::tauri_monitor(app.handle(), &dirs.config));
            app.manage(commands::people_csv::PeopleCsv::new(app.handle()));
            app.manage(commands::local::LocalExport::new(app.handle()));
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                let state = handle.state::<AppState>();
                let monitor = handle.state::<monitor::Monitor>();
                monitor.sync(&state).await;
                state.retry_key_deletions().await;
            });
            Ok(())
        })
        .build(tauri::generate_context!());
    match result {
        Ok(app) => app.run(|handle, event| {
            if let (tauri::RunEvent::Exit, Some(state)) = (event, handle.try_state::<AppState>()) {
                // The last seconds of requests, so the next start counts from the right number.
                if let Err(error) = state.usage().flush() {
                    tracing::warn!(%error, "today's request count could not be kept");
                }
            }
        }),
        Err(error) => {
            tracing::error!(%error, "Crisp Desk stopped with an error");
            std::process::exit(1);
        }
    }
}
