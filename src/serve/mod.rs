//! `guidewright serve`: a live preview for authors. The site is built into memory and served
//! over HTTP; the content and template folders are watched, and every change rebuilds what
//! it affects and reloads the open pages that changed. Content errors are shown in the
//! browser in place of the pages until they are fixed. Nothing is written to disk.
//!
//! One thread owns the [`builder::Builder`] and takes events (file changes, finished PDFs,
//! stop) from a channel; PDFs are typeset on a background thread ([`pdfs`]). HTTP takes a
//! fixed number of threads, however many connections are open: the [`reactor`] waits on every
//! connection between requests and reads their heads, a pool of [`workers`] answers them from
//! the in-memory [`site::Served`] files, and one thread ([`streams`]) writes every open page's
//! reload events.

pub mod builder;
pub mod deps;
pub mod http;
pub mod incremental;
pub mod language;
pub mod pdfs;
pub mod reactor;
pub mod reload;
pub mod request;
pub mod response;
pub mod site;
pub mod sitefiles;
pub mod streams;
pub mod watch;
pub mod workers;

use builder::{Builder, Outcome};
use site::Shared;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

/// What `serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub content: PathBuf,
    /// A folder of templates overriding the default theme; defaults to `templates/` beside the
    /// content folder.
    pub templates: Option<PathBuf>,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub drafts: bool,
    /// Print nothing about rebuilds (for benchmarks).
    pub quiet: bool,
}

/// What the builder thread is told.
pub enum Event {
    /// Files changed in the watched folders.
    Changed(Vec<PathBuf>),
    /// Background PDFs are ready.
    Pdfs(pdfs::Done),
    Stop,
}

/// A running preview server.
pub struct Server {
    /// The address it listens on, and its URL.
    pub addr: SocketAddr,
    pub url: String,
    /// How the first build went.
    pub first: Outcome,
    events: Sender<Event>,
    reactor: reactor::Handle,
    shared: Arc<Shared>,
    builder: JoinHandle<()>,
    threads: Vec<JoinHandle<()>>,
    _watcher: Arc<Mutex<watch::Watcher>>,
}

/// Stops a [`Server`] from another thread (a Ctrl-C handler, say).
#[derive(Clone)]
pub struct Stopper(Sender<Event>);

impl Stopper {
    pub fn stop(&self) {
        let _ = self.0.send(Event::Stop);
    }
}

/// Builds the site, starts serving it and watching for changes.
pub fn start(opts: ServeOptions) -> Result<Server, String> {
    let listener = TcpListener::bind(SocketAddr::new(opts.bind, opts.port))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", opts.bind, opts.port))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot listen on {}:{}: {e}", opts.bind, opts.port))?;
    let host = match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    let url = format!("http://{host}:{}/", addr.port());
    // Connections wait in the listener's backlog until the first build is done.
    let (jobs, queue) = mpsc::channel();
    let (reactor, handle) =
        reactor::Reactor::new(listener, jobs).map_err(|e| format!("cannot serve: {e}"))?;
    let shared = Arc::new(Shared::default());
    shared.lock().instance = format!("{}-{}", std::process::id(), nanos());

    let (events, inbox) = mpsc::channel::<Event>();
    let (pdf_jobs, pdf_inbox) = mpsc::channel::<pdfs::Job>();
    let mut threads = Vec::new();
    let to_builder = events.clone();
    threads.push(thread::spawn(move || {
        pdfs::worker(pdf_inbox, |done| {
            let _ = to_builder.send(Event::Pdfs(done));
        })
    }));

    let quiet = opts.quiet;
    let mut builder = Builder::new(opts.clone(), url.clone(), shared.clone(), pdf_jobs);
    let first = builder.rebuild(true);
    let templates = builder.templates().clone();
    let to_builder = events.clone();
    let mut watcher = watch::watch(&[opts.content.clone(), templates.clone()], move |paths| {
        let _ = to_builder.send(Event::Changed(paths));
    })?;
    if !templates.is_dir() {
        // Notice the templates folder being created beside the content.
        watch::watch_parent(&mut watcher, &templates);
    }
    let watcher = Arc::new(Mutex::new(watcher));
    let loop_watcher = watcher.clone();
    let builder =
        thread::spawn(move || build_loop(builder, inbox, &templates, &loop_watcher, quiet));

    threads.push(thread::spawn(move || reactor.run()));
    let hub = Arc::new(streams::Hub::default());
    let hub_shared = shared.clone();
    let hub_thread = hub.clone();
    threads.push(thread::spawn(move || hub_thread.run(&hub_shared)));
    let cx = Arc::new(workers::Context::new(
        shared.clone(),
        request::Hosts::new(addr),
        hub,
        handle.clone(),
    ));
    let queue = Arc::new(Mutex::new(queue));
    for _ in 0..workers::WORKERS {
        let (cx, queue) = (cx.clone(), queue.clone());
        threads.push(thread::spawn(move || workers::run(&queue, &cx)));
    }
    Ok(Server {
        addr,
        url,
        first,
        events,
        reactor: handle,
        shared,
        builder,
        threads,
        _watcher: watcher,
    })
}

impl Server {
    pub fn stopper(&self) -> Stopper {
        Stopper(self.events.clone())
    }

    /// Waits until stopped, then ends every thread. Nothing is left on disk.
    pub fn wait(self) {
        let Server {
            threads,
            builder,
            reactor,
            shared,
            events,
            _watcher,
            ..
        } = self;
        // The builder thread ends on `Stop`.
        let _ = builder.join();
        drop(_watcher);
        // Requests waiting for PDFs and the reload streams wake and end; the reactor closes
        // its connections and the workers' queue, which ends the workers.
        shared.stop();
        reactor.stop();
        drop(events);
        for t in threads {
            let _ = t.join();
        }
    }

    /// Stops the server and waits for it.
    pub fn stop(self) {
        self.stopper().stop();
        self.wait();
    }
}

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// The builder's thread: rebuilds on changes (a burst of queued changes makes one rebuild)
/// and takes finished PDFs, until told to stop.
fn build_loop(
    mut builder: Builder,
    inbox: mpsc::Receiver<Event>,
    templates: &std::path::Path,
    watcher: &Mutex<watch::Watcher>,
    quiet: bool,
) {
    let mut templates_watched = templates.is_dir();
    while let Ok(event) = inbox.recv() {
        let mut changed = Vec::new();
        let mut pdfs = None;
        let mut stop = false;
        let mut take = |e: Event| match e {
            Event::Changed(p) => changed.extend(p),
            Event::Pdfs(d) => pdfs = Some(d),
            Event::Stop => stop = true,
        };
        take(event);
        while let Ok(e) = inbox.try_recv() {
            take(e);
        }
        if stop {
            return;
        }
        if let Some(outcome) = pdfs.and_then(|done| builder.pdfs_done(done)) {
            if !quiet {
                report(&outcome, None);
            }
        }
        // Only the content and templates matter (the folder above is watched for the
        // templates folder appearing).
        let content = builder.content().to_path_buf();
        changed.retain(|p| watch::in_dir(p, &content) || watch::in_dir(p, templates));
        if !changed.is_empty() {
            let mut theme = changed.iter().any(|p| watch::in_dir(p, templates));
            if !templates_watched && templates.is_dir() {
                let mut w = watcher.lock().unwrap_or_else(|e| e.into_inner());
                templates_watched = watch::add(&mut w, templates);
                theme = true;
            }
            builder.changed(&changed);
            let outcome = builder.rebuild(theme);
            if !quiet {
                report(&outcome, Some(&changed));
            }
        }
    }
}

/// One line in the terminal per rebuild, or the error report.
pub fn report(outcome: &Outcome, changed: Option<&[PathBuf]>) {
    match outcome {
        Outcome::Built {
            pages_rendered,
            pages_total,
            changed: files,
            millis,
        } => match changed {
            Some(paths) => eprintln!(
                "Rebuilt after a change to {}: {pages_rendered} of {pages_total} pages rendered, {} in {millis:.0} ms",
                describe(paths),
                files_changed(*files)
            ),
            None if *files > 0 => eprintln!("PDFs updated: {}", files_changed(*files)),
            None => {}
        },
        Outcome::Failed(error) => eprint!("{error}"),
    }
}

fn files_changed(n: usize) -> String {
    format!("{n} file{} changed", if n == 1 { "" } else { "s" })
}

/// The changed file (relative to the current folder where it is below it), or how many.
fn describe(paths: &[PathBuf]) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut names: Vec<String> = paths
        .iter()
        .map(|p| p.strip_prefix(&cwd).unwrap_or(p).display().to_string())
        .collect();
    names.sort();
    names.dedup();
    match names.len() {
        1 => names.remove(0),
        n => format!("{n} files"),
    }
}
