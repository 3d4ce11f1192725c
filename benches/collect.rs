//! `collect` over a large set of returns: 4 rounds of 10,000 JSON returns of the sample
//! checklist, grouped by team over 200 teams (the issue's target: under 3 s and 300 MB).
//!
//! ```text
//! cargo bench --bench collect
//! GW_BENCH_RETURNS=2000 GW_BENCH_ROUNDS=2 cargo bench --bench collect
//! GW_BENCH_KEEP=DIR cargo bench --bench collect   # keep the returns in DIR (to time the CLI)
//! ```
//!
//! The returns are written first (not timed), then one `collect` run with `--round` for each
//! round and `--group-by team` is timed: wall time, the process's user and system CPU time
//! during the run (`getrusage`), and its peak resident memory (`VmHWM`, reset after writing).

#[path = "support/measure.rs"]
mod measure;
use guidewright::collect::{self, CollectOptions};
use measure::{load_average, peak_mib, reset_peak};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The sample checklist's question ids with their answer values.
fn questions(content: &Path) -> Vec<(String, Vec<&'static str>)> {
    let text = std::fs::read_to_string(content.join("checklists/kps-self-assessment.yaml"))
        .expect("the sample checklist");
    let c: serde_yaml::Value = serde_yaml::from_str(&text).expect("YAML");
    c["sections"]
        .as_sequence()
        .into_iter()
        .flatten()
        .flat_map(|s| s["questions"].as_sequence().cloned().unwrap_or_default())
        .map(|q| {
            let values = if q["response"].as_str() == Some("yes-no-na") {
                vec!["yes", "no", "not-applicable"]
            } else {
                vec!["yes", "partly", "no", "not-applicable"]
            };
            (q["id"].as_str().unwrap_or_default().to_string(), values)
        })
        .collect()
}

/// Writes `n` returns per round into `dir/<round>/`, answers from a fixed pseudo-random
/// sequence (the same every run).
fn write_returns(dir: &Path, rounds: usize, n: usize, teams: usize, content: &Path) {
    let qs = questions(content);
    let mut seed = 42u64;
    let mut next = move |m: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % m
    };
    for r in 0..rounds {
        let round = dir.join(format!("round{r}"));
        std::fs::create_dir_all(&round).expect("round folder");
        for i in 0..n {
            let answers: serde_json::Map<String, serde_json::Value> = qs
                .iter()
                .map(|(id, values)| {
                    let a = values[next(values.len())];
                    (id.clone(), serde_json::json!({ "answer": a }))
                })
                .collect();
            let ret = serde_json::json!({
                "format": "guidewright-return",
                "checklist": "kps-self-assessment",
                "version": "1.0",
                "metadata": {
                    "case-reference": format!("CASE-{i:05}"),
                    "team": format!("Team {:03}", i % teams),
                    "audit-date": format!("2024-{:02}-{:02}", 1 + r * 3, 1 + i % 28),
                },
                "answers": answers,
                "actions": [],
                "sign_off": {},
            });
            std::fs::write(round.join(format!("r{i:05}.json")), ret.to_string())
                .expect("write a return");
        }
    }
}

/// User and system CPU seconds of this process so far.
fn cpu() -> (f64, f64) {
    // SAFETY: getrusage only writes the struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let s = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (s(u.ru_utime), s(u.ru_stime))
}

fn main() {
    let rounds = env("GW_BENCH_ROUNDS", 4);
    let n = env("GW_BENCH_RETURNS", 10_000);
    let teams = env("GW_BENCH_TEAMS", 200);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let content = root.join("content");
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let dir: PathBuf = std::env::var_os("GW_BENCH_KEEP")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.path().join("returns"));
    let t = Instant::now();
    write_returns(&dir, rounds, n, teams, &content);
    eprintln!(
        "wrote {rounds} rounds of {n} returns ({teams} teams) in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let opts = CollectOptions {
        checklist: "kps-self-assessment".into(),
        content,
        output: tmp.path().join("report"),
        paths: Vec::new(),
        rounds: (0..rounds)
            .map(|r| (format!("R{}", r + 1), dir.join(format!("round{r}"))))
            .collect(),
        compare: None,
        group_by: Some("team".into()),
        include_evidence: false,
        strict: false,
        templates: None,
        force: false,
        lang: None,
    };
    reset_peak();
    let (u0, s0) = cpu();
    let t = Instant::now();
    let out = collect::run(&opts, false).expect("collect runs");
    let wall = t.elapsed().as_secs_f64();
    let (u1, s1) = cpu();
    assert!(out.written, "the report was written");
    assert_eq!(
        out.summary.returns, n,
        "every return of the last round compiled"
    );
    assert_eq!(out.summary.groups.len(), teams.min(n));
    println!(
        "collect: {rounds} rounds × {n} returns, {teams} teams: {wall:.2} s wall, {:.2} s user, {:.2} s system CPU, peak {:.0} MiB (load average {})",
        u1 - u0,
        s1 - s0,
        peak_mib(),
        load_average()
    );
    println!("target: under 3 s and 300 MB");
}
