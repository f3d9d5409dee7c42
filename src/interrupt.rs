//! Ctrl-C and termination. Without a handler a signal kills the process wherever it is, which
//! can leave an output's temporary file behind. With it, the run stops at once: outputs being
//! written are abandoned (their temporary files deleted, earlier complete files untouched, see
//! [`crate::atomic`]), a message says so, and the exit code tells a CI job what happened
//! (130 for SIGINT, 143 for SIGTERM, as a shell reports a process killed by them).
//!
//! The scan is not wound down gracefully: a half-collected inventory or half-evaluated result
//! is not a report, and waiting for in-flight AWS calls would make Ctrl-C slow. Collections
//! can be kept and re-used instead: `stance inventory -o inv.json`, then
//! `stance scan --inventory inv.json`.

use crate::error::ExitCode;

/// Installs the handler on a thread of its own. The signals are registered before this
/// returns, so from then on an interruption is always handled.
pub fn install() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    let signals = {
        let _context = runtime.enter();
        Signals::register()?
    };
    std::thread::Builder::new()
        .name("stance-signals".into())
        .spawn(move || {
            let (name, code) = runtime.block_on(signals.next());
            stop(name, code);
        })?;
    Ok(())
}

#[cfg(unix)]
struct Signals {
    interrupt: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl Signals {
    fn register() -> std::io::Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Self {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
        })
    }

    async fn next(mut self) -> (&'static str, ExitCode) {
        tokio::select! {
            _ = self.interrupt.recv() => ("SIGINT", ExitCode::Interrupted),
            _ = self.terminate.recv() => ("SIGTERM", ExitCode::Terminated),
        }
    }
}

#[cfg(not(unix))]
struct Signals(tokio::signal::windows::CtrlC);

#[cfg(not(unix))]
impl Signals {
    fn register() -> std::io::Result<Self> {
        Ok(Self(tokio::signal::windows::ctrl_c()?))
    }

    async fn next(mut self) -> (&'static str, ExitCode) {
        self.0.recv().await;
        ("Ctrl-C", ExitCode::Interrupted)
    }
}

/// Abandons the outputs in progress and exits, holding the output registry closed so that no
/// output is created or completed in between.
fn stop(signal: &str, code: ExitCode) -> ! {
    let _closed = crate::atomic::TEMP_FILES.abandon();
    // A progress bar may be mid-line on stderr.
    eprintln!(
        "\nerror: interrupted by {signal}: stopped without writing the report (outputs already complete are whole; none is partial)"
    );
    std::process::exit(i32::from(code.code()))
}
