//! The harness: a mock-runtime app with the real invoke handler, state and a quiet Demo sandbox, plus extra
//! sandboxes to save connections against, and a process-wide TRACE log capture.

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use crisp_desk_lib::connections::keychain::Keychain;
use crisp_desk_lib::demo::Demo;
use crisp_desk_lib::monitor::Monitor;
use crisp_desk_lib::state::AppState;
use crisp_monitor::{MonitorSettings, MonitorUpdate, RecordingNotifier};
use crisp_sandbox::{Sandbox, SandboxConfig, SandboxInfo};
use keyring_core::CredentialStore;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::Manager;

/// Everything logged by this test process, at TRACE, from every thread (tracing and `log` records).
pub fn logs() -> String {
    let buffer = capture();
    let bytes = buffer.lock().map(|b| b.clone()).unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn capture() -> Arc<Mutex<Vec<u8>>> {
    static BUFFER: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    BUFFER
        .get_or_init(|| {
            let buffer = Arc::new(Mutex::new(Vec::new()));
            let sink = buffer.clone();
            tracing_subscriber::fmt()
                .with_max_level(tracing::Level::TRACE)
                .with_ansi(false)
                .with_writer(move || Sink(sink.clone()))
                .try_init()
                .expect("the test process installs one global subscriber");
            buffer
        })
        .clone()
}

struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut buffer) = self.0.lock() {
            buffer.extend_from_slice(data);
        }
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A fresh in-memory keychain.
pub fn mock_store() -> Arc<CredentialStore> {
    keyring_core::mock::Store::new().expect("the mock store always builds")
}

/// A keychain over `store`.
pub fn keychain_in(store: &Arc<CredentialStore>) -> Keychain {
    Keychain::in_store(store.clone(), "crisp-desk-test")
}

/// Runs a future on Tauri's runtime, where the sandboxes and commands live.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tauri::async_runtime::block_on(future)
}

/// A quiet sandbox (no live traffic) of `tier`, with a random key, on a free loopback port.
pub fn sandbox(tier: crisp_sandbox::Tier) -> Sandbox {
    block_on(crisp_sandbox::spawn(SandboxConfig {
        tier,
        conversations: 60,
        people: 60,
        ..SandboxConfig::default()
    }))
    .expect("the sandbox starts")
}

/// A mock-runtime app with the app's invoke handler and state.
pub struct TestApp {
    /// The app (kept alive for the webview).
    pub app: tauri::App<MockRuntime>,
    webview: tauri::WebviewWindow<MockRuntime>,
    /// The app's config directory.
    pub config: tempfile::TempDir,
    /// The app's data directory.
    pub data: tempfile::TempDir,
    /// Desktop notifications the monitors showed.
    pub notifier: Arc<RecordingNotifier>,
    /// Every monitor update sent to the window, with its connection.
    pub updates: Arc<Mutex<Vec<(String, MonitorUpdate)>>>,
}

impl TestApp {
    /// A first launch: empty config, the given keychain, and a quiet Demo.
    pub fn new(keychain: Keychain) -> TestApp {
        TestApp::launch(keychain, tempfile::tempdir().expect("tempdir"), true)
    }

    /// A launch over an existing config directory (a restart), with or without the Demo.
    pub fn launch(keychain: Keychain, config: tempfile::TempDir, with_demo: bool) -> TestApp {
        TestApp::launch_with(keychain, config, with_demo, None)
    }

    /// A first launch whose requests to Crisp time out after `timeout`.
    pub fn with_timeout(keychain: Keychain, timeout: std::time::Duration) -> TestApp {
        TestApp::launch_with(
            keychain,
            tempfile::tempdir().expect("tempdir"),
            true,
            Some(timeout),
        )
    }

    fn launch_with(
        keychain: Keychain,
        config: tempfile::TempDir,
        with_demo: bool,
        timeout: Option<std::time::Duration>,
    ) -> TestApp {
        capture();
        let demo = with_demo.then(|| {
            block_on(Demo::start_with(SandboxConfig {
                conversations: 60,
                people: 60,
                ..SandboxConfig::default()
            }))
            .expect("the Demo sandbox starts")
        });
        let data = tempfile::tempdir().expect("tempdir");
        let mut state = AppState::load(config.path(), keychain, demo)
            .expect("the state loads")
            .with_store_dir(data.path().join("stores"));
        if let Some(timeout) = timeout {
            state = state.with_timeout(timeout);
        }
        // Connections are not watched until a test turns their monitor on, so other tests' request counts hold.
        let notifier = Arc::new(RecordingNotifier::new());
        let updates = Arc::new(Mutex::new(Vec::new()));
        let sink = updates.clone();
        let monitor = Monitor::new(
            config.path(),
            MonitorSettings {
                enabled: false,
                ..MonitorSettings::default()
            },
            notifier.clone(),
            move |connection: &str, update| {
                if let Ok(mut updates) = sink.lock() {
                    updates.push((connection.to_owned(), update));
                }
            },
        );
        let app = mock_builder()
            .invoke_handler(crisp_desk_lib::bindings::builder::<MockRuntime>().invoke_handler())
            .manage(state)
            .manage(monitor)
            .build(mock_context(noop_assets()))
            .expect("the mock app builds");
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("the mock window builds");
        TestApp {
            app,
            webview,
            config,
            data,
            notifier,
            updates,
        }
    }

    /// The shared state, as commands see it.
    pub fn state(&self) -> tauri::State<'_, AppState> {
        self.app.state::<AppState>()
    }

    /// The Demo sandbox's credentials and website.
    pub fn demo(&self) -> SandboxInfo {
        self.state()
            .demo()
            .expect("this app runs the Demo")
            .sandbox()
            .info()
    }

    /// The Demo sandbox, whose control API stages faults and injects traffic.
    pub fn demo_sandbox(&self) -> &Sandbox {
        self.state()
            .inner()
            .demo()
            .expect("this app runs the Demo")
            .sandbox()
    }

    /// Invokes `command` through the IPC layer with JSON `args`; the answer as JSON, or the error as JSON.
    pub fn invoke(&self, command: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: command.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().expect("valid URL"),
            body: tauri::ipc::InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        tauri::test::get_ipc_response(&self.webview, request)
            .map(|body| body.deserialize::<Value>().expect("answers are JSON"))
    }

    /// Invokes `command` and decodes its typed answer; fails the test with the error otherwise.
    pub fn ok<T: DeserializeOwned>(&self, command: &str, args: Value) -> T {
        match self.invoke(command, args) {
            Ok(value) => serde_json::from_value(value.clone()).unwrap_or_else(|e| {
                panic!("{command} answered {value} which is not the typed output: {e}")
            }),
            Err(error) => panic!("{command} failed: {error}"),
        }
    }

    /// Invokes `command`, expecting an `AppError`, and returns it as JSON.
    pub fn err(&self, command: &str, args: Value) -> Value {
        match self.invoke(command, args) {
            Ok(value) => panic!("{command} should have failed but answered {value}"),
            Err(error) => {
                assert!(
                    error.get("kind").is_some(),
                    "{command} must fail with an AppError, not {error}"
                );
                error
            }
        }
    }

    /// Invokes a Crisp operation on the Demo connection.
    pub fn demo_ok<T: DeserializeOwned>(&self, command: &str, request: Value) -> T {
        self.ok(command, json!({ "connection": "demo", "request": request }))
    }
}

/// Every file under `dir` whose bytes contain `needle`.
pub fn files_containing(dir: &Path, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            if let Ok(entries) = std::fs::read_dir(&path) {
                pending.extend(entries.flatten().map(|e| e.path()));
            }
        } else if let Ok(bytes) = std::fs::read(&path) {
            if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                found.push(path.display().to_string());
            }
        }
    }
    found
}

/// The set-up form for a sandbox's token, with `key` and `tier` as given.
pub fn form(info: &SandboxInfo, key: &str, tier: &str) -> Value {
    json!({
        "name": "Shop",
        "identifier": info.identifier,
        "key": key,
        "website_id": info.website_id,
        "tier": tier,
        "api_base": info.base_url,
    })
}
