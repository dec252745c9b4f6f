//! `atbalsts`: the service desk server and its tools, in one binary.

mod bench;
mod bench_workspace;
mod config;
mod demo;
mod mail_bench;
mod mail_in;
mod seed_history;
mod seed_tickets;
mod serve;
mod sla_bench;
mod sla_runs;

use clap::{Parser, Subcommand};
use config::Settings;
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "atbalsts", version, about = "Atbalsts service desk server")]
struct Cli {
    /// Configuration file (TOML). Environment variables ATBALSTS_* override it.
    #[arg(long, short, global = true, env = "ATBALSTS_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server (database, web interface, API, background jobs).
    Serve {
        /// Refuse to start when the database needs migrations, instead of applying them.
        #[arg(long)]
        no_migrate: bool,
    },
    /// Run the server with a demo desk (KISC) loaded on first start; prints the demo accounts.
    Demo,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create a system administrator account.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// The password; read from ATBALSTS_ADMIN_PASSWORD when not given.
        #[arg(long, env = "ATBALSTS_ADMIN_PASSWORD")]
        password: String,
    },
    /// Load-test a running server over HTTP and print throughput, latency and memory.
    Bench(bench::BenchArgs),
    /// Fill a desk with a large generated history (a million tickets over
    /// 300 institutions by default) for the workspace benchmark.
    SeedTickets(seed_tickets::SeedArgs),
    /// Measure what SLAs cost: ticket creation with policies on and off,
    /// and a policy edit re-timing every open ticket of a desk.
    SlaBench(sla_bench::SlaBenchArgs),
    /// Measure inbound mail processing and notification rendering on a fresh database.
    MailBench(mail_bench::MailBenchArgs),
    /// Take one email message on standard input for a desk (for an MTA's pipe delivery).
    MailIn {
        /// The desk's key prefix, e.g. KISC.
        #[arg(long)]
        desk: String,
    },
}

/// glibc's allocator keeps large freed blocks once it has raised its mmap
/// threshold (after Argon2's 19 MiB password hashing, for one), and gives
/// each thread an arena of its own. A fixed threshold sends large blocks
/// straight back to the system, and few arenas keep the idle footprint small.
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; called before any
    // other thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

fn main() -> std::process::ExitCode {
    tune_allocator();
    let cli = Cli::parse();
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("configuration error: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    config::init_logging(&settings);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    if let Command::MailIn { desk } = &cli.command {
        return match runtime.block_on(mail_in::run(&settings, desk)) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("mail-in: {e}");
                std::process::ExitCode::from(75)
            }
        };
    }
    let result = runtime.block_on(async move {
        match cli.command {
            Command::Serve { no_migrate } => serve::run(settings, !no_migrate, false).await,
            Command::Demo => serve::run(settings, true, true).await,
            Command::Migrate => serve::migrate_only(&settings).await,
            Command::CreateAdmin {
                email,
                name,
                password,
            } => demo::create_admin(&settings, &email, &name, &password).await,
            Command::Bench(args) => bench::run(args).await,
            Command::MailBench(args) => mail_bench::run(&settings, args).await,
            Command::SeedTickets(args) => seed_tickets::run(&settings, args).await,
            Command::SlaBench(args) => sla_bench::run(&settings, args).await,
            Command::MailIn { .. } => unreachable!("handled above"),
        }
    });
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "atbalsts stopped");
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
