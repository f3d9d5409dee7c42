//! End-to-end evaluation benchmark: every built-in check over a generated inventory of about
//! 100,000 resources, from the snapshot file to the JSON result.
//!
//! `cargo bench --bench evaluate` (release profile). Set `STANCE_BENCH_ACCOUNTS` to change the
//! size (default 80 accounts × 4 regions × scale 5 ≈ 100,000 resources). Prints the phase
//! timings, evaluations per second and the peak RSS of the process.

use std::time::Instant;

use stance::check::Catalog;

// The same allocator as the stance binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use stance::cli::CheckSelection;
use stance::demo::{Shape, inventory};
use stance::model::time::Timestamp;

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

fn main() {
    let accounts: usize = std::env::var("STANCE_BENCH_ACCOUNTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(80);
    let shape = Shape {
        accounts,
        regions: vec![
            "us-east-1".into(),
            "eu-west-1".into(),
            "ap-southeast-2".into(),
            "us-west-2".into(),
        ],
        scale: 5,
    };
    let dir = std::env::temp_dir().join(format!("stance-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    // STANCE_BENCH_SNAPSHOT keeps the generated snapshot there, to time the `stance` binary
    // on the same input (docs/benchmarks.md).
    let kept = std::env::var_os("STANCE_BENCH_SNAPSHOT").map(std::path::PathBuf::from);
    let snapshot = kept.clone().unwrap_or_else(|| dir.join("inventory.json"));
    {
        let inv = inventory(&shape);
        stance::source::snapshot::write(&inv, &snapshot).expect("write snapshot");
    }
    let size_mb = std::fs::metadata(&snapshot).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;

    let t0 = Instant::now();
    let inv = stance::source::snapshot::read(&snapshot).expect("read snapshot");
    let t_load = t0.elapsed();
    let resources = inv.resource_count();

    let tc = Instant::now();
    let catalog = Catalog::load(&[], true).expect("built-in checks");
    let t_catalog = tc.elapsed();
    let tc = Instant::now();
    let _ = stance::check::engine::CompiledChecks::compile(&catalog).expect("compile");
    let t_compile = tc.elapsed();
    let t1 = Instant::now();
    let selection = CheckSelection::default();
    let result = stance::scan::evaluate_inventory(
        &inv,
        &catalog,
        &selection,
        Vec::new(),
        (Timestamp::now(), Instant::now()),
        None,
    )
    .expect("evaluate");
    let t_eval = t1.elapsed();
    let evaluations = result.findings.len();

    let t2 = Instant::now();
    let out = dir.join("result.json");
    stance::atomic::write_file(&out, |w| stance::report::json::write(&result, w, false))
        .expect("write result");
    let t_write = t2.elapsed();
    // The separate compile above is measurement only: evaluation compiles again.
    let total = t0.elapsed() - t_compile;

    println!("inventory: {resources} resources, {accounts} accounts, snapshot {size_mb:.1} MB");
    println!(
        "checks: {} (compiled and evaluated with {} threads)",
        catalog.checks.len(),
        rayon::current_num_threads()
    );
    println!("load + derive:   {:>8.2} s", t_load.as_secs_f64());
    println!(
        "load checks:     {:>8.2} s  (parse and validate {} files)",
        t_catalog.as_secs_f64(),
        catalog.checks.len() + catalog.tests.len() + catalog.libraries.len()
    );
    println!(
        "compile checks:  {:>8.2} s  (measured apart; evaluate compiles again)",
        t_compile.as_secs_f64()
    );
    println!(
        "evaluate:        {:>8.2} s  ({evaluations} evaluations, {:.0} evaluations/s)",
        t_eval.as_secs_f64(),
        evaluations as f64 / t_eval.as_secs_f64()
    );
    println!(
        "write JSON:      {:>8.2} s  ({:.1} MB)",
        t_write.as_secs_f64(),
        std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0) as f64 / 1e6
    );
    println!(
        "end to end:      {:>8.2} s  ({:.0} evaluations/s; load, checks, evaluate, write)",
        total.as_secs_f64(),
        evaluations as f64 / total.as_secs_f64()
    );
    println!("peak RSS:        {:>8.0} MiB", peak_rss_mib());
    if let Some(path) = &kept {
        println!("snapshot kept at {}", path.display());
    }
    let _ = std::fs::remove_dir_all(&dir);
}
