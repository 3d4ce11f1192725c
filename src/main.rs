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
        /// Folder to write the site into (replaced atomically)
        #[arg(long, default_value = "output")]
        output: PathBuf,
        /// Absolute URL the site is published at (overrides site.yaml's base_url)
        #[arg(long)]
        base_url: Option<String>,
        /// Folder of templates overriding the default theme [default: templates/ beside the content folder]
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Include draft content
        #[arg(long)]
        drafts: bool,
    },
    /// Validate the content without writing anything
    #[command(
        after_help = "Examples:\n  guidewright check\n  guidewright check --content path/to/content"
    )]
    Check {
        /// Folder of YAML content
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Treat draft content as part of the site
        #[arg(long)]
        drafts: bool,
        /// Fail when there are warnings
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Create a starter project that builds
    #[command(
        after_help = "Example:\n  guidewright new my-guides && cd my-guides && guidewright build"
    )]
    New {
        /// Folder to create (must not exist or be empty)
        dir: PathBuf,
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
        /// Address to listen on; anything but a loopback address lets other machines see the preview
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
        } => {
            let opts = BuildOptions {
                content,
                output,
                base_url,
                templates,
                drafts,
            };
            match build::build(&opts, colour) {
                Ok(s) => {
                    eprint!("{}", s.warnings);
                    for t in &s.overridden {
                        eprintln!("using the project's own template {t}");
                    }
                    eprintln!(
                        "Built {} guide{}, {} pages, {} PDF{} ({} files) into {} in {} ms",
                        s.guides,
                        if s.guides == 1 { "" } else { "s" },
                        s.pages,
                        s.pdfs,
                        if s.pdfs == 1 { "" } else { "s" },
                        s.files,
                        opts.output.display(),
                        s.millis
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
        Command::Check {
            content,
            drafts,
            deny_warnings,
        } => match build::check(&content, drafts, colour) {
            Ok((model, warnings)) => {
                eprint!("{warnings}");
                if deny_warnings && !warnings.is_empty() {
                    eprintln!("error: warnings found and --deny-warnings is set");
                    return ExitCode::from(1);
                }
                eprintln!("No problems found in {} files", model.sources.files.len());
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
        Command::New { dir } => match scaffold::create(&dir) {
            Ok(()) => {
                eprintln!("Created a starter project in {}", dir.display());
                eprintln!("Next: cd {} && guidewright build", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
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
