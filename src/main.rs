//! The `guidewright` command line.

use clap::{Parser, Subcommand};
use guidewright::build::{self, BuildError, BuildOptions};
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
        Command::Schema { output, kind } => match write_schemas(&output, kind.as_deref()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
    }
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
