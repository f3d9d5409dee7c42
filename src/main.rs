//! The `stance` command: parse, initialise logging, run, map the outcome to an exit code.

use std::io::Write;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use stance::cli::Cli;

// Evaluation allocates many small values across threads; mimalloc handles that pattern far
// better than the system allocator (see docs/benchmarks.md). Built without transparent huge
// page hints (`no_thp`): with them every touched 2 MiB of an arena becomes resident, which
// took a live scan from about 88 to 130 MB at no gain in speed.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use stance::error::ExitCode;

fn main() -> std::process::ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() {
                ExitCode::Usage.code()
            } else {
                0
            };
            let _ = err.print();
            return std::process::ExitCode::from(code);
        }
    };
    let default_level = match (cli.quiet, cli.verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, 2) => "debug",
        _ => "trace",
    };
    let mut filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(format!("stance={default_level},error")));
    // The SDK's transport layers log request and response bodies at debug and trace level,
    // and those carry environment variable values, secret strings and signed headers. No log
    // setting may open them up.
    for quiet in [
        "aws_smithy_runtime",
        "aws_smithy_runtime_api",
        "aws_smithy_http",
        "aws_smithy_http_client",
        "aws_smithy_types",
        "aws_sigv4",
        "aws_config",
        "aws_credential_types",
        "hyper",
        "hyper_util",
        "h2",
        "rustls",
    ] {
        if let Ok(directive) = format!("{quiet}=warn").parse() {
            filter = filter.add_directive(directive);
        }
    }
    // Colours as for the terminal summary (anstream: a terminal, unless NO_COLOR; or
    // CLICOLOR_FORCE): logs redirected to a file stay plain text.
    let colour = anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(colour)
        .with_target(false)
        .init();
    if let Err(err) = stance::interrupt::install() {
        tracing::warn!("cannot handle Ctrl-C gracefully: {err}");
    }
    match stance::app::run_on_large_stack(cli) {
        Ok(code) => std::process::ExitCode::from(code.code()),
        Err(err) => {
            // Not eprintln!: when stderr is a closed pipe (`stance ... 2>&1 | head`) it would
            // panic; the exit code still tells what happened.
            // The message may quote a path or a value from the input: no control character
            // of theirs reaches the terminal.
            let message = err.to_string();
            let _ = writeln!(
                std::io::stderr(),
                "error: {}",
                stance::report::inert_text(&message)
            );
            std::process::ExitCode::from(err.exit_code().code())
        }
    }
}
