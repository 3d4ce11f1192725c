//! The `guidewright` command line.

use clap::{Parser, Subcommand};
use guidewright::build::{self, BuildError, BuildOptions};
use guidewright::serve::builder::Outcome;
use guidewright::{scaffold, schema};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "guidewright",
    version,
    about = "Compile YAML effective-practice guidance into an accessible static site"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from the content folder into the output folder
    #[command(
        after_help = "Examples:\n  guidewright build\n  guidewright build --content content --output output --base-url https://example.org/guidance/"
    )]
    Build {
        /// Folder of YAML content
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Folder to write the site into, replaced as a whole: it must be new, empty or an
        /// earlier output (it holds a .guidewright file)
        #[arg(long, default_value = "output")]
        output: PathBuf,
        /// Replace the output folder even if guidewright did not make it (never the content or
        /// templates folder, or a folder holding them or the current folder)
        #[arg(long)]
        force: bool,
        /// Absolute http(s) URL the site is published at (overrides site.yaml's base_url; a
        /// missing trailing slash is added)
        #[arg(long, value_parser = parse_base_url)]
        base_url: Option<String>,
        /// Folder of templates overriding the default theme [default: templates/ beside the content folder]
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Include draft content
        #[arg(long)]
        drafts: bool,
    },
    /// Validate the content and the site it makes, writing nothing: references, links and
    /// anchors, web addresses, review dates, drafts linked from published pages, unused entities
    #[command(
        after_help = "Examples:\n  guidewright check\n  guidewright check --content path/to/content --deny-warnings"
    )]
    Check {
        /// Folder of YAML content
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Folder of templates overriding the default theme [default: templates/ beside the content folder]
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Treat draft content as part of the site
        #[arg(long)]
        drafts: bool,
        /// Fail when there are warnings (e.g. a review date has passed)
        #[arg(long)]
        deny_warnings: bool,
        /// The date review dates are compared with (YYYY-MM-DD) [default: today]
        #[arg(long, value_parser = parse_date)]
        today: Option<String>,
    },
    /// Create a starter project that builds
    #[command(
        after_help = "Examples:\n  guidewright new my-guides && cd my-guides && guidewright build\n  guidewright new --example care-inspectorate care-guides"
    )]
    New {
        /// Folder to create (must not exist or be empty)
        dir: PathBuf,
        /// Write a complete sample project instead of the starter (e.g. care-inspectorate)
        #[arg(long, value_name = "NAME")]
        example: Option<String>,
    },
    /// Preview the site while writing: build it into memory, serve it, rebuild on changes
    #[command(
        after_help = "Pages reload by themselves when the content or templates change; while the content has\nerrors, the report is shown in place of the pages. Nothing is written to disk; Ctrl-C stops.\n\nExamples:\n  guidewright serve\n  guidewright serve --port 8000 --open\n  guidewright serve --content path/to/content --drafts"
    )]
    Serve {
        /// Folder of YAML content
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Port to listen on (0 picks a free one)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; anything but a loopback address lets other machines see the preview.
        /// Requests must name this address (or 127.0.0.1, localhost, [::1]) and the port in their Host header
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
        /// Folder of templates overriding the default theme [default: templates/ beside the content folder]
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Include draft content
        #[arg(long)]
        drafts: bool,
    },
    /// Write JSON Schemas of the content files, for editor completion and validation
    #[command(
        after_help = "Examples:\n  guidewright schema --output schema\n  guidewright schema --kind checklist > checklist.schema.json"
    )]
    Schema {
        /// Folder to write one schema per kind of file into
        #[arg(long, default_value = "schema")]
        output: PathBuf,
        /// Print the schema of one kind of file to standard output instead
        #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(schema::kinds()))]
        kind: Option<String>,
    },
    /// Compile returned checklists (PDF forms, JSON or CSV exports) into a summary report
    #[command(
        after_help = "Writes index.html, summary.csv and report.pdf into the output folder (replaced as a whole).\n\nExamples:\n  cargo run --example sample-returns -- returns\n  guidewright collect --checklist kps-self-assessment --output report returns\n  guidewright collect --checklist kps-self-assessment --output report --group-by team returns/*.pdf extra.json\n\nExit status: 0 when at least one return was compiled (with --strict: and no file was skipped), 2 for a --group-by field that would show single cases, 1 otherwise."
    )]
    Collect {
        /// Id of the checklist the returns were made from
        #[arg(long)]
        checklist: String,
        /// Folder to write the report into, replaced as a whole (new, empty, or an earlier report)
        #[arg(long)]
        output: PathBuf,
        /// Replace the output folder even if guidewright did not make it (never the content or
        /// templates folder, a folder holding them, the current folder or the returns)
        #[arg(long)]
        force: bool,
        /// Return files, or folders of them
        #[arg(required_unless_present = "round", conflicts_with = "round")]
        paths: Vec<PathBuf>,
        /// An audit round: its label and a file or folder of its returns (repeatable, in
        /// order, the last being the current round; e.g. --round 2024-Q2=returns/q2)
        #[arg(long, value_name = "LABEL=PATH", value_parser = parse_round)]
        round: Vec<(String, PathBuf)>,
        /// An earlier report's folder: its data.json is the round before those read here
        #[arg(long, value_name = "REPORT_DIR")]
        compare: Option<PathBuf>,
        /// Folder of YAML content holding the checklist
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Show results side by side by this metadata field (e.g. team)
        #[arg(long)]
        group_by: Option<String>,
        /// Include evidence text in the report (left out by default)
        #[arg(long)]
        include_evidence: bool,
        /// Fail when any file is skipped
        #[arg(long)]
        strict: bool,
        /// Folder of templates overriding the default theme [default: templates/ beside the content folder]
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Language of the report, one of site.yaml's `languages` (e.g. `cy`): its words, dates
        /// and the checklist's translation [default: the site's default language]
        #[arg(long)]
        lang: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match cli.command {
        Command::Build {
            content,
            output,
            base_url,
            templates,
            drafts,
            force,
        } => {
            let opts = BuildOptions {
                content,
                output,
                base_url,
                templates,
                drafts,
                force,
            };
            let progress = guidewright::progress::Progress::for_stderr();
            match build::build_with_progress(&opts, colour, &progress) {
                Ok(s) => {
                    eprint!("{}", s.warnings);
                    for t in &s.overridden {
                        eprintln!("using the project's own template {t}");
                    }
                    eprintln!("{}", build::summary_line(&s, &opts.output));
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
        Command::Check {
            content,
            templates,
            drafts,
            deny_warnings,
            today,
        } => {
            let opts = BuildOptions {
                content,
                output: PathBuf::new(),
                base_url: None,
                templates,
                drafts,
                force: false,
            };
            let today = today.unwrap_or_else(guidewright::validate::today);
            match guidewright::check::run(&opts, &today, colour) {
                Ok(o) => {
                    eprint!("{}", o.report);
                    let summary = format!(
                        "{} content files and {} pages checked: {} error{}, {} warning{}",
                        o.files,
                        o.pages,
                        o.errors,
                        if o.errors == 1 { "" } else { "s" },
                        o.warnings,
                        if o.warnings == 1 { "" } else { "s" }
                    );
                    if o.errors > 0 {
                        eprintln!("{summary}");
                        ExitCode::from(1)
                    } else if deny_warnings && o.warnings > 0 {
                        eprintln!("{summary}\nerror: warnings found and --deny-warnings is set");
                        ExitCode::from(1)
                    } else {
                        eprintln!("{summary}");
                        ExitCode::SUCCESS
                    }
                }
                Err(e) => fail(&e),
            }
        }
        Command::New { dir, example } => match match &example {
            Some(name) => scaffold::create_example(name, &dir),
            None => scaffold::create(&dir),
        } {
            Ok(()) => {
                let what = example
                    .as_ref()
                    .map_or("a starter project".to_string(), |n| {
                        format!("the example project `{n}`")
                    });
                eprintln!("Created {what} in {}", dir.display());
                eprintln!("Next: cd {} && guidewright build", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
        Command::Collect {
            checklist,
            output,
            paths,
            round,
            compare,
            content,
            group_by,
            include_evidence,
            strict,
            templates,
            force,
            lang,
        } => collect(
            &guidewright::collect::CollectOptions {
                checklist,
                content,
                output,
                paths,
                rounds: round,
                compare,
                group_by,
                include_evidence,
                strict,
                templates,
                force,
                lang,
            },
            colour,
        ),
        Command::Serve {
            content,
            port,
            bind,
            open,
            templates,
            drafts,
        } => serve(
            guidewright::serve::ServeOptions {
                content,
                templates,
                bind,
                port,
                drafts,
                quiet: false,
            },
            open,
        ),
        Command::Schema { output, kind } => match write_schemas(&output, kind.as_deref()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
    }
}

/// A `--round` value: `LABEL=PATH`, the label not empty.
fn parse_round(s: &str) -> Result<(String, PathBuf), String> {
    match s.split_once('=') {
        Some((label, path)) if !label.trim().is_empty() && !path.is_empty() => {
            Ok((label.trim().to_string(), PathBuf::from(path)))
        }
        _ => Err(format!(
            "`{s}` is not LABEL=PATH (for example 2024-Q2=returns/q2)"
        )),
    }
}

/// A `--today` value: a real calendar date written YYYY-MM-DD.
fn parse_date(s: &str) -> Result<String, String> {
    if guidewright::validate::is_date(s) {
        Ok(s.to_string())
    } else {
        Err(format!("`{s}` is not a date written YYYY-MM-DD"))
    }
}

/// A `--base-url` value: an absolute http or https address, normalised to end in `/`.
fn parse_base_url(s: &str) -> Result<String, String> {
    guidewright::urls::base_url(s)
}

fn collect(opts: &guidewright::collect::CollectOptions, colour: bool) -> ExitCode {
    let outcome = match guidewright::collect::run(opts, colour) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(e.exit_code());
        }
    };
    let s = &outcome.summary;
    for k in &s.skipped {
        eprintln!("skipped {}: {}", k.file, k.reason);
    }
    for p in &s.problems {
        eprintln!("warning: {p}");
    }
    eprintln!(
        "Compiled {} return{} of {} file{} ({} skipped)",
        s.returns,
        if s.returns == 1 { "" } else { "s" },
        s.files_read,
        if s.files_read == 1 { "" } else { "s" },
        s.skipped.len()
    );
    if !outcome.written {
        if s.returns > 0 {
            eprintln!(
                "error: {} file{} skipped and --strict is set, so no report was written",
                s.skipped.len(),
                if s.skipped.len() == 1 {
                    " was"
                } else {
                    "s were"
                }
            );
        } else {
            eprintln!("error: no return could be compiled, so no report was written");
        }
        return ExitCode::from(1);
    }
    eprintln!("Wrote the report into {}", opts.output.display());
    ExitCode::SUCCESS
}

/// Runs the preview server until Ctrl-C (or SIGTERM).
fn serve(opts: guidewright::serve::ServeOptions, open: bool) -> ExitCode {
    if !opts.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}: other machines on the network can reach this preview (it has no access control)",
            opts.bind
        );
    }
    let server = match guidewright::serve::start(opts) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    match &server.first {
        Outcome::Built {
            pages_total,
            millis,
            ..
        } => {
            eprintln!("Built {pages_total} pages in {millis:.0} ms; PDFs follow in the background")
        }
        Outcome::Failed(error) => {
            eprint!("{error}");
            eprintln!("The site shows this report until the content is fixed.");
        }
    }
    eprintln!("Serving the site at {} (Ctrl-C to stop)", server.url);
    let stopper = server.stopper();
    if let Err(e) = ctrlc::set_handler(move || stopper.stop()) {
        eprintln!("warning: cannot handle Ctrl-C: {e}");
    }
    if open {
        if let Err(e) = opener::open(&server.url) {
            eprintln!("warning: cannot open a browser: {e}");
        }
    }
    server.wait();
    eprintln!("Stopped.");
    ExitCode::SUCCESS
}

fn fail(e: &BuildError) -> ExitCode {
    eprintln!("{e}");
    ExitCode::from(1)
}

fn write_schemas(output: &std::path::Path, kind: Option<&str>) -> std::io::Result<()> {
    let all = schema::all();
    if let Some(k) = kind {
        if let Some((_, _, s)) = all.iter().find(|(name, _, _)| *name == k) {
            println!("{}", serde_json::to_string_pretty(s)?);
        }
        return Ok(());
    }
    std::fs::create_dir_all(output)?;
    println!("# Add to your editor's YAML settings (yaml.schemas), paths relative to the project:");
    for (name, glob, s) in &all {
        let file = output.join(format!("{name}.schema.json"));
        std::fs::write(&file, serde_json::to_string_pretty(s)? + "\n")?;
        println!("\"{}\": \"content/{glob}\"", file.display());
    }
    Ok(())
}
