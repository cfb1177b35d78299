//! The preview's connections: an accept loop over hyper's HTTP/1 with a header-read timeout
//! (`axum::serve` sets none, so a slow or idle client held its connection forever), and a
//! shutdown that waits a bounded time for open connections instead of for ever.

use std::future::Future;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch};

/// How long a client may take to send a request's headers; an idle keep-alive connection
/// counts as sending the next request's, so it is closed after this too.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a shutdown waits for open connections to finish before dropping them, so Ctrl-C
/// ends the preview within a second whatever the browsers do.
pub const SHUTDOWN_WAIT: Duration = Duration::from_millis(400);

/// Serves `router` on `listener` until `stop` resolves, then closes every connection.
pub async fn serve(listener: TcpListener, router: Router, stop: impl Future<Output = ()>) {
    let (closing_tx, closing_rx) = watch::channel(false);
    // Each connection holds a sender: `recv` returns `None` once all of them are gone.
    let (open_tx, mut open_rx) = mpsc::channel::<()>(1);
    tokio::pin!(stop);
    loop {
        tokio::select! {
            () = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connect(stream, router.clone(), closing_rx.clone(), open_tx.clone());
                }
                // Out of file descriptors, say: give connections a moment to close.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            },
        }
    }
    drop(listener);
    let _ = closing_tx.send(true);
    drop(open_tx);
    let _ = tokio::time::timeout(SHUTDOWN_WAIT, open_rx.recv()).await;
}

fn connect(
    stream: TcpStream,
    router: Router,
    mut closing: watch::Receiver<bool>,
    open: mpsc::Sender<()>,
) {
    let _ = stream.set_nodelay(true);
    tokio::spawn(async move {
        let _open = open;
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT);
        let connection =
            builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(router));
        tokio::pin!(connection);
        tokio::select! {
            _ = connection.as_mut() => return,
            _ = closing.wait_for(|closing| *closing) => {}
        }
        // Finishes the response under way, then closes instead of keeping the connection.
        connection.as_mut().graceful_shutdown();
        let _ = connection.await;
    });
}

/// Resolves on Ctrl-C (SIGINT) or, on Unix, SIGTERM.
pub async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut terminate) = signal(SignalKind::terminate()) {
            tokio::select! {
                () = ctrl_c() => {}
                _ = terminate.recv() => {}
            }
            return;
        }
    }
    ctrl_c().await;
}

async fn ctrl_c() {
    // Without a handler there is no Ctrl-C to wait for; stopping at once would be wrong.
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}
