//! A TCP proxy that holds what the app sends for a while and passes the server's answers at once: a server slow
//! to take the app's frames (such as the socket's `authentication`), as a distant Crisp is.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::Instant;

/// The running proxy; dropping it stops accepting connections.
pub struct SlowProxy {
    /// Where the app connects.
    pub addr: SocketAddr,
    task: JoinHandle<()>,
}

impl Drop for SlowProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl SlowProxy {
    /// Forwards to `target` (`host:port`), each chunk from the app reaching it `delay` after it was sent.
    pub async fn start(target: String, delay: Duration) -> SlowProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let addr = listener.local_addr().expect("a bound port");
        let task = tokio::spawn(async move {
            while let Ok((app, _)) = listener.accept().await {
                let target = target.clone();
                tokio::spawn(async move {
                    if let Ok(server) = TcpStream::connect(&target).await {
                        forward(app, server, delay).await;
                    }
                });
            }
        });
        SlowProxy { addr, task }
    }
}

async fn forward(app: TcpStream, server: TcpStream, delay: Duration) {
    let (mut from_app, mut to_app) = app.into_split();
    let (mut from_server, mut to_server) = server.into_split();
    tokio::spawn(async move {
        let _ = tokio::io::copy(&mut from_server, &mut to_app).await;
    });
    let (held, mut due) = mpsc::unbounded_channel::<(Instant, Vec<u8>)>();
    tokio::spawn(async move {
        while let Some((sent_at, bytes)) = due.recv().await {
            tokio::time::sleep_until(sent_at + delay).await;
            if to_server.write_all(&bytes).await.is_err() {
                return;
            }
        }
    });
    let mut buffer = vec![0; 16 * 1024];
    while let Ok(read) = from_app.read(&mut buffer).await {
        if read == 0
            || held
                .send((Instant::now(), buffer[..read].to_vec()))
                .is_err()
        {
            return;
        }
    }
}
