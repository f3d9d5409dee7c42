//! The GitHub Action outside GitHub: runs `scripts/action.sh` (the script of action.yml's main
//! step) on a fixture repository with the variables a runner sets and the `INPUT_*` variables
//! action.yml maps its inputs to, using the already built binary (`STANCE_BIN`), and checks the
//! step outputs, the job summary, the exit codes under `fail-on`, and that hostile input values
//! stay data.
//!
//! The fixture (tests/support/action-fixture/) is a CloudFormation template in a directory whose
//! name has a space, scanned with `--select s3_bucket_access_logging_enabled` so the counts are
//! exact: before.yaml has one failing bucket, after.yaml adds two failing buckets (one named with
//! HTML) and one passing bucket.

mod common;

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use common::{have, read_json, root};

/// The action's inputs and their defaults, as declared in action.yml.
const INPUTS: &[(&str, &str)] = &[
    ("mode", "iac"),
    ("paths", "."),
    ("config", ""),
    ("baseline", ""),
    ("fail-on", ""),
    ("min-severity", ""),
    ("sarif-file", "stance.sarif"),
    ("html-file", ""),
    ("json-file", ""),
    ("suppressions", ""),
    ("accounts", ""),
    ("org", "false"),
    ("role-name", ""),
    ("regions", ""),
    ("shard", ""),
    ("extra-args", ""),
    ("version", ""),
];

/// The one check the fixture is judged by.
const CHECK: &str = "--select s3_bucket_access_logging_enabled";

/// Where the fixture template goes in the workspace (a directory name with a space).
const TEMPLATE_DIR: &str = "infra templates";

/// The environment variable action.yml passes an input in: `fail-on` → `INPUT_FAIL_ON`.
fn env_name(input: &str) -> String {
    format!("INPUT_{}", input.to_uppercase().replace('-', "_"))
}

/// What one run of the step left.
struct Step {
    code: Option<i32>,
    outputs: String,
    summary: String,
    log: String,
}

impl Step {
    /// The value of a `name=value` line of GITHUB_OUTPUT.
    fn output(&self, name: &str) -> Option<&str> {
        self.outputs
            .lines()
            .find_map(|line| line.strip_prefix(name)?.strip_prefix('='))
    }
}

/// A simulated runner: a workspace holding the fixture, and a temp directory.
struct Runner {
    dir: tempfile::TempDir,
}

impl Runner {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("workspace").join(TEMPLATE_DIR)).expect("workspace");
        fs::create_dir_all(dir.path().join("runner-temp")).expect("runner temp");
        let runner = Runner { dir };
        runner.template("before.yaml");
        runner
    }

    fn workspace(&self) -> PathBuf {
        self.dir.path().join("workspace")
    }

    /// Puts a fixture template at `infra templates/stack.yaml`.
    fn template(&self, fixture: &str) {
        let src = root().join("tests/support/action-fixture").join(fixture);
        let dst = self.workspace().join(TEMPLATE_DIR).join("stack.yaml");
        fs::copy(&src, dst).unwrap_or_else(|e| panic!("copy {}: {e}", src.display()));
    }

    /// Runs the step with these inputs (action.yml's defaults for the others, as GitHub passes
    /// them) in a clean environment. `name` keeps each run's GITHUB_OUTPUT and step summary
    /// apart.
    fn run(&self, name: &str, inputs: &[(&str, &str)]) -> Step {
        for (key, _) in inputs {
            assert!(
                INPUTS.iter().any(|(input, _)| input == key),
                "unknown input {key}"
            );
        }
        let outputs = self.dir.path().join(format!("{name}.output"));
        let summary = self.dir.path().join(format!("{name}.summary.md"));
        fs::write(&outputs, "").expect("create GITHUB_OUTPUT");
        fs::write(&summary, "").expect("create GITHUB_STEP_SUMMARY");
        let mut cmd = Command::new("bash");
        cmd.arg(root().join("scripts/action.sh"))
            // Not the workspace: the script must change to GITHUB_WORKSPACE itself.
            .current_dir(self.dir.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("NO_COLOR", "1")
            .env("STANCE_NO_PROGRESS", "1")
            .env("STANCE_BIN", env!("CARGO_BIN_EXE_stance"))
            .env("GITHUB_ACTION_PATH", root())
            .env("GITHUB_WORKSPACE", self.workspace())
            .env("GITHUB_OUTPUT", &outputs)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("RUNNER_TEMP", self.dir.path().join("runner-temp"));
        for (input, default) in INPUTS {
            let value = inputs
                .iter()
                .find(|(key, _)| key == input)
                .map_or(*default, |(_, value)| *value);
            cmd.env(env_name(input), value);
        }
        let out = cmd.output().expect("bash runs");
        Step {
            code: out.status.code(),
            outputs: fs::read_to_string(&outputs).expect("read GITHUB_OUTPUT"),
            summary: fs::read_to_string(&summary).expect("read GITHUB_STEP_SUMMARY"),
            log: format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        }
    }
}

#[test]
fn baseline_run_then_pull_request_counts_new_findings_and_sets_the_exit_code() {
    assert!(
        have("jq"),
        "scripts/action.sh needs jq (apt-get install jq)"
    );
    let runner = Runner::new();
    let ws = runner.workspace();

    // The default branch: no baseline yet, never fail; the JSON result becomes the baseline.
    // `paths` is left at its default, the whole workspace.
    let main = runner.run(
        "main",
        &[
            ("fail-on", "never"),
            ("json-file", "baseline/stance.json"),
            ("extra-args", CHECK),
        ],
    );
    assert_eq!(main.code, Some(0), "{}", main.log);
    assert_eq!(main.output("exit-code"), Some("0"), "{}", main.outputs);
    // Without a baseline every open failure is new: LogBucket.
    assert_eq!(main.output("new-findings"), Some("1"), "{}", main.outputs);
    assert_eq!(
        main.output("sarif-file"),
        Some("stance.sarif"),
        "{}",
        main.outputs
    );
    assert_eq!(
        main.output("json-file"),
        Some("baseline/stance.json"),
        "{}",
        main.outputs
    );
    assert_eq!(read_json(&ws.join("stance.sarif"))["version"], "2.1.0");
    assert!(
        main.summary.contains("## stance: 1 open failure(s)"),
        "{}",
        main.summary
    );

    // A pull request adds two buckets without access logging (one named with HTML) and one
    // with it: exactly two new failures, so `fail-on: new` fails the step with exit code 1.
    runner.template("after.yaml");
    let pr = runner.run(
        "pr",
        &[
            ("paths", TEMPLATE_DIR),
            ("baseline", "baseline/stance.json"),
            ("fail-on", "new"),
            ("json-file", "pr/stance.json"),
            ("extra-args", CHECK),
        ],
    );
    assert_eq!(pr.code, Some(1), "{}", pr.log);
    assert_eq!(pr.output("exit-code"), Some("1"), "{}", pr.outputs);
    assert_eq!(pr.output("new-findings"), Some("2"), "{}", pr.outputs);
    let result = read_json(&ws.join("pr/stance.json"));
    assert_eq!(
        result["summary"]["baseline"]["new"], 2,
        "{}",
        result["summary"]
    );
    assert_eq!(
        result["summary"]["baseline"]["unchanged"], 1,
        "{}",
        result["summary"]
    );
    assert!(
        pr.summary.contains("## stance: 3 open failure(s)"),
        "{}",
        pr.summary
    );
    assert!(pr.summary.contains("### New failures"), "{}", pr.summary);
    // The hostile bucket is listed as text: its `<` is escaped (`\<img`, which markdown shows
    // as a literal `<img`), and no `<` anywhere in the summary can open an HTML tag.
    assert!(pr.summary.contains(r"\<img src=x"), "{}", pr.summary);
    // Escaped means preceded by an odd number of backslashes.
    let raw_tag = pr.summary.match_indices('<').any(|(at, _)| {
        let backslashes = pr.summary[..at]
            .chars()
            .rev()
            .take_while(|c| *c == '\\')
            .count();
        backslashes.is_multiple_of(2)
    });
    assert!(!raw_tag, "raw HTML in the summary:\n{}", pr.summary);

    // The same change with `fail-on: never`: the findings are reported, the step passes.
    let never = runner.run(
        "pr-never",
        &[
            ("paths", TEMPLATE_DIR),
            ("baseline", "baseline/stance.json"),
            ("fail-on", "never"),
            ("extra-args", CHECK),
        ],
    );
    assert_eq!(never.code, Some(0), "{}", never.log);
    assert_eq!(never.output("exit-code"), Some("0"), "{}", never.outputs);
    assert_eq!(never.output("new-findings"), Some("2"), "{}", never.outputs);
    // No json-file input: the result is in a temporary file, still given as an output.
    let json = never.output("json-file").unwrap_or_default();
    assert!(json.ends_with("result.json"), "{}", never.outputs);

    // Against the pull request's own result nothing is new: exit code 0.
    let rerun = runner.run(
        "rerun",
        &[
            ("paths", TEMPLATE_DIR),
            ("baseline", "pr/stance.json"),
            ("fail-on", "new"),
            ("extra-args", CHECK),
        ],
    );
    assert_eq!(rerun.code, Some(0), "{}", rerun.log);
    assert_eq!(rerun.output("exit-code"), Some("0"), "{}", rerun.outputs);
    assert_eq!(rerun.output("new-findings"), Some("0"), "{}", rerun.outputs);
}

#[test]
fn hostile_input_values_are_never_executed() {
    let runner = Runner::new();
    let marker = runner.dir.path().join("pwned");
    let m = marker.display();

    // Shell syntax in paths is part of the path: no such file, exit code 2, nothing run.
    let paths = format!("x; touch {m}\n$(touch {m})\n`touch {m}`\n'; touch {m}; '");
    let step = runner.run("paths", &[("paths", paths.as_str()), ("extra-args", CHECK)]);
    assert_eq!(step.code, Some(2), "{}", step.log);
    assert_eq!(step.output("exit-code"), Some("2"), "{}", step.outputs);
    assert_eq!(step.output("sarif-file"), Some(""), "{}", step.outputs);
    assert!(step.summary.contains("no result"), "{}", step.summary);
    assert!(
        !marker.exists(),
        "a paths value was executed:\n{}",
        step.log
    );

    // The same in extra-args: separate words for stance (which rejects them), never shell.
    let extra = format!("{CHECK}; touch {m} $(touch {m})");
    let step = runner.run(
        "extra",
        &[("paths", TEMPLATE_DIR), ("extra-args", extra.as_str())],
    );
    assert_eq!(step.code, Some(2), "{}", step.log);
    assert_eq!(step.output("exit-code"), Some("2"), "{}", step.outputs);
    assert!(
        !marker.exists(),
        "an extra-args value was executed:\n{}",
        step.log
    );

    // A newline in a one-line input cannot smuggle a line into GITHUB_OUTPUT: refused.
    let step = runner.run(
        "newline",
        &[
            ("paths", TEMPLATE_DIR),
            ("sarif-file", "a.sarif\nexit-code=0"),
            ("extra-args", CHECK),
        ],
    );
    assert_eq!(step.code, Some(2), "{}", step.log);
    assert!(!step.outputs.contains("exit-code"), "{}", step.outputs);
}

#[test]
fn action_yml_passes_every_input_through_env_with_the_defaults_simulated_here() {
    let text = fs::read_to_string(root().join("action.yml")).expect("read action.yml");
    for (input, default) in INPUTS {
        let mapping = format!("{}: ${{{{ inputs.{input} }}}}", env_name(input));
        assert!(text.contains(&mapping), "action.yml lacks `{mapping}`");
        let declared = text
            .find(&format!("\n  {input}:\n"))
            .unwrap_or_else(|| panic!("action.yml does not declare input {input}"));
        let default_line = text[declared..]
            .lines()
            .map(str::trim)
            .find(|line| line.starts_with("default:"))
            .unwrap_or_else(|| panic!("input {input} has no default"));
        let value = default_line
            .trim_start_matches("default:")
            .trim()
            .trim_matches('"');
        assert_eq!(value, *default, "default of input {input}");
    }
    // Inputs are used nowhere else: never in a run block, where they would be shell code.
    assert_eq!(text.matches("${{ inputs.").count(), INPUTS.len());
    for line in text.lines().filter(|l| l.trim_start().starts_with("run:")) {
        assert!(!line.contains("${{"), "expression in a run block: {line}");
    }
}

#[test]
fn a_malformed_template_fails_the_step_with_exit_4_unless_fail_on_never() {
    assert!(
        have("jq"),
        "scripts/action.sh needs jq (apt-get install jq)"
    );
    let runner = Runner::new();
    fs::write(
        runner.workspace().join(TEMPLATE_DIR).join("broken.yaml"),
        "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: [unclosed\n",
    )
    .expect("write");
    // The other template is still scanned and reported; the step fails with stance's code 4.
    let step = runner.run("partial", &[("paths", TEMPLATE_DIR), ("extra-args", CHECK)]);
    assert_eq!(step.code, Some(4), "{}", step.log);
    assert_eq!(step.output("exit-code"), Some("4"), "{}", step.outputs);
    assert_eq!(step.output("new-findings"), Some("1"), "{}", step.outputs);
    assert!(
        step.log.contains("part of the input was invalid"),
        "{}",
        step.log
    );
    assert!(
        step.summary.contains("## stance: 1 open failure(s)"),
        "{}",
        step.summary
    );
    // fail-on: never keeps the job green, with the code still in the outputs and a warning.
    let never = runner.run(
        "partial-never",
        &[
            ("paths", TEMPLATE_DIR),
            ("fail-on", "never"),
            ("extra-args", CHECK),
        ],
    );
    assert_eq!(never.code, Some(0), "{}", never.log);
    assert_eq!(never.output("exit-code"), Some("4"), "{}", never.outputs);
    assert!(never.log.contains("fail-on is never"), "{}", never.log);
}
