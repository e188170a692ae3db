//! `lore`: the command line over Lore's crates. Parses arguments, wires the store, importers
//! and web server together, and reports errors in one line (exit 1) or usage errors through
//! clap (exit 2).

/// `println!` for a command's output: writing to a reader that left (`lore person list | head`)
/// returns the error, which `main` takes as a quiet success, instead of panicking.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($arg)*)?
    }};
}

mod commands;
mod demo;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

// mimalloc rather than glibc's malloc: an import frees on one thread what another allocated
// (the reading threads hand entries to the session), which glibc pays for in consolidation;
// 1,000,000 Slack messages took 19.0 s of CPU with glibc and 14.5 s with mimalloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Has the allocator give freed memory back to the system at once rather than after 10 ms, for
/// commands whose peak memory is batches passing through (imports): 1,000,000 Slack messages
/// peaked at 221 / 237 MiB with the delay and 187 / 187 MiB without it, for about 2% more time.
pub(crate) fn release_freed_memory_at_once() {
    // `mi_option_purge_delay`, 15 in mimalloc 2's and 3's `mi_option_t`; the Rust binding
    // names the options around it but not this one.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: sets one of mimalloc's options, which it reads on each purge; no memory is
    // touched.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) }
}
use lore_store::{ConnectOptions, Store};

#[derive(Parser)]
#[command(
    name = "lore",
    version,
    about = "Learning from incidents: the story, grounded in the data."
)]
struct Cli {
    /// Directory for the embedded SQLite database.
    #[arg(
        long,
        global = true,
        env = "LORE_DATA_DIR",
        default_value = "./lore-data"
    )]
    data_dir: PathBuf,

    /// Database to use instead: sqlite://PATH or postgres://USER@HOST/DB.
    #[arg(long, global = true, env = "LORE_DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web application.
    Serve(commands::serve::Args),
    /// Apply database migrations (serve and every other command also do this at start).
    Migrate,
    /// Create, list and show incidents.
    #[command(subcommand)]
    Incident(commands::incident::Command),
    /// Manage accounts.
    #[command(subcommand)]
    User(commands::user::Command),
    /// The people in an incident's record; merge the records that are one person.
    #[command(subcommand)]
    Person(commands::person::Command),
    /// Print an incident's timeline, every entry with its provenance.
    Timeline(commands::timeline::Args),
    /// Find references to incidents elsewhere (git repositories).
    #[command(subcommand)]
    Scan(commands::scan::Command),
    /// Search every incident (as an administrator, or `--as` an account).
    Search(commands::search::Args),
    /// Import data into an incident.
    #[command(subcommand)]
    Import(commands::import::Command),
    /// Read Markdown write-ups for hindsight: counterfactuals about people, blame,
    /// minimisers, single-cause framing (exit 1 when something is flagged).
    Lint(commands::lint::Args),
}

impl Cli {
    async fn store(&self) -> anyhow::Result<Store> {
        let opts = ConnectOptions {
            database_url: self.database_url.clone(),
            data_dir: self.data_dir.clone(),
            migrate: true,
        };
        Ok(Store::connect(&opts).await?)
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let store = cli.store().await?;
    let result = match cli.command {
        Command::Serve(args) => commands::serve::run(store.clone(), args, &cli.data_dir).await,
        Command::Migrate => {
            outln!("Database {} is up to date.", store.display_url());
            Ok(())
        }
        Command::Incident(cmd) => commands::incident::run(&store, cmd).await,
        Command::User(cmd) => commands::user::run(&store, cmd).await,
        Command::Person(cmd) => commands::person::run(&store, cmd).await,
        Command::Timeline(args) => commands::timeline::run(&store, args).await,
        Command::Scan(cmd) => commands::scan::run(&store, cmd).await,
        Command::Search(args) => commands::search::run(&store, args).await,
        Command::Import(cmd) => commands::import::run(&store, cmd).await,
        Command::Lint(_) => unreachable!("lint runs without a store"),
    };
    store.close().await;
    result
}

/// Parses arguments; a usage error is reported in one line (exit 2), help and version as clap
/// prints them.
fn parse_args() -> Result<Cli, ExitCode> {
    use clap::error::ErrorKind;
    Cli::try_parse().map_err(|e| match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        _ => {
            // clap's message may continue on indented lines (the missing arguments); keep
            // them, drop the usage and tips that follow the first blank line.
            let rendered = e.render().to_string();
            let message: Vec<&str> = rendered
                .lines()
                .skip_while(|l| l.trim().is_empty())
                .take_while(|l| !l.trim().is_empty())
                .map(str::trim)
                .collect();
            eprintln!("{} (see 'lore --help')", message.join(" "));
            ExitCode::from(2)
        }
    })
}

fn main() -> ExitCode {
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    // The second reader needs no database: it reads files and prints.
    if let Command::Lint(args) = cli.command {
        return commands::lint::run(args);
    }
    // A server's slow statements are worth a warning; an import of a million rows is meant
    // to run long statements.
    let default_level = if matches!(cli.command, Command::Serve(_)) {
        "info"
    } else {
        "warn,sqlx::query=error"
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("LORE_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default_level)),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        // `lore timeline … | head`: the reader left; that is not a failure.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            // One line: the error and its causes, outermost first.
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
