use std::net::SocketAddr;

use anyhow::Context;
use lore_store::Store;
use lore_web::AppState;
use tokio::net::TcpListener;

#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Load the demo incident and a demo account (loopback addresses only).
    #[arg(long)]
    demo: bool,
    /// Mark the session cookie Secure (set when users reach Lore over HTTPS).
    #[arg(long, env = "LORE_SECURE_COOKIES")]
    secure_cookies: bool,
}

pub async fn run(store: Store, args: Args, data_dir: &std::path::Path) -> anyhow::Result<()> {
    if args.demo && !args.listen.ip().is_loopback() {
        anyhow::bail!(
            "--demo has a well-known password, so it only listens on loopback (127.0.0.1 or ::1), not {}",
            args.listen.ip()
        );
    }
    let demo = if args.demo {
        Some(
            crate::demo::load(&store, data_dir)
                .await
                .context("loading the demo")?,
        )
    } else {
        None
    };
    let listener = TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    let addr = listener.local_addr()?;
    let removed = store.delete_expired_sessions().await?;
    tracing::info!(
        database = store.display_url(),
        expired_sessions_removed = removed,
        "store ready"
    );
    announce(&format!(
        "Lore is listening on http://{addr}/ (database: {})",
        store.display_url()
    ));
    if store.list_accounts().await?.is_empty() {
        announce("No accounts yet: create one with `lore user add NAME --role admin`.");
    }
    if let Some(demo) = demo {
        announce(&format!(
            "Demo incident: http://{addr}/incidents/{}",
            demo.slug
        ));
        announce(&format!(
            "Sign in as user '{}' with password '{}'.",
            crate::demo::USERNAME,
            crate::demo::PASSWORD
        ));
    }
    lore_web::serve(
        listener,
        AppState::new(store, args.secure_cookies),
        shutdown_signal(),
    )
    .await
    .context("serving HTTP")?;
    tracing::info!("stopped");
    Ok(())
}

/// A line for the person who started the server. Whoever reads standard output may have gone
/// (`lore serve | head -1`); the server keeps serving.
fn announce(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout(), "{line}");
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
