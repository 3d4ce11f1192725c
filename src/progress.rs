//! Build progress on a terminal: a spinner naming the current stage, and a bar while pages
//! render. Drawn on standard error only when it is a terminal and not in CI (the `CI`
//! environment variable), so logs and pipes stay quiet.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// A progress display, possibly hidden (then every call does nothing).
pub struct Progress {
    bar: ProgressBar,
    /// Every stage started, in order, when made with [`Progress::recording`].
    stages: Option<std::sync::Mutex<Vec<String>>>,
}

impl Progress {
    /// A display that draws nothing.
    pub fn hidden() -> Progress {
        Progress {
            bar: ProgressBar::hidden(),
            stages: None,
        }
    }

    /// A display that draws nothing but keeps the name of every stage started (a test's
    /// evidence of what a command did, e.g. that `check` typesets nothing).
    pub fn recording() -> Progress {
        Progress {
            stages: Some(Default::default()),
            ..Progress::hidden()
        }
    }

    /// The stages started so far (none unless [`Progress::recording`]).
    pub fn stages(&self) -> Vec<String> {
        let stages = self.stages.as_ref().and_then(|s| s.lock().ok());
        stages.map(|s| s.clone()).unwrap_or_default()
    }

    /// A display on standard error if it is a terminal and this is not CI, else hidden.
    pub fn for_stderr() -> Progress {
        if !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
            return Progress::hidden();
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.enable_steady_tick(Duration::from_millis(120));
        let p = Progress { bar, stages: None };
        p.stage("Loading content", None);
        p
    }

    /// Starts a stage: `message`, with a bar of `len` steps or a spinner.
    pub fn stage(&self, message: &str, len: Option<u64>) {
        if let Some(mut stages) = self.stages.as_ref().and_then(|s| s.lock().ok()) {
            stages.push(message.to_string());
        }
        let template = if len.is_some() {
            "{spinner} {msg} [{bar:30}] {pos}/{len}"
        } else {
            "{spinner} {msg}…"
        };
        self.bar.set_message(message.to_string());
        self.bar.set_position(0);
        self.bar.set_length(len.unwrap_or(0));
        if let Ok(style) = ProgressStyle::with_template(template) {
            self.bar.set_style(style.progress_chars("=> "));
        }
    }

    /// Advances the current bar by `n` steps.
    pub fn inc(&self, n: u64) {
        self.bar.inc(n);
    }

    /// Removes the display, leaving the terminal as it was.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }

    /// Whether anything is drawn.
    pub fn is_hidden(&self) -> bool {
        self.bar.is_hidden()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hidden_display_counts_but_draws_nothing() {
        let p = Progress::hidden();
        assert!(p.is_hidden());
        p.stage("Rendering pages", Some(3));
        p.inc(2);
        assert_eq!(p.bar.position(), 2);
        p.finish();
    }
}
