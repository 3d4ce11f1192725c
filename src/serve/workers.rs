//! The request workers: a fixed pool of threads, each answering the requests of one
//! connection at a time (starting from a complete head the reactor read), then giving the
//! connection back to wait for its next request. Reload streams go to the hub. A request whose
//! `Host` is not this server is refused before anything of the site is read; a panic while
//! answering costs that connection, never the worker.

use super::http;
use super::reactor::{self, Back, Job};
use super::request::{self, Head, Hosts, Parsed};
use super::response::Reply;
use super::site::Shared;
use super::streams::Hub;
use std::io::{ErrorKind, Write};
use std::net::TcpStream;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::AtomicUsize;
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How many threads answer requests.
pub const WORKERS: usize = 8;
/// How many of them may wait at once for PDFs being made.
const MAX_PDF_WAITS: usize = WORKERS / 2;
/// How long one write may wait for the client to read, and how long a whole answer may take.
const WRITE_TIMEOUT: Duration = Duration::from_secs(5);
const SEND_TIMEOUT: Duration = Duration::from_secs(30);

/// What the workers share.
pub struct Context {
    pub shared: Arc<Shared>,
    pub hosts: Hosts,
    pub hub: Arc<Hub>,
    pub reactor: reactor::Handle,
    pdf_waits: AtomicUsize,
}

impl Context {
    pub fn new(shared: Arc<Shared>, hosts: Hosts, hub: Arc<Hub>, reactor: reactor::Handle) -> Self {
        Context {
            shared,
            hosts,
            hub,
            reactor,
            pdf_waits: AtomicUsize::new(0),
        }
    }
}

/// A worker: answers jobs until the reactor stops (and the queue closes).
pub fn run(jobs: &Mutex<Receiver<Job>>, cx: &Context) {
    loop {
        let job = jobs.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok(job) = job else {
            return;
        };
        // The connection is dropped (closed) if answering panics.
        let _ = catch_unwind(AssertUnwindSafe(|| serve(job, cx)));
    }
}

/// What a request asks for.
enum Answer {
    Reply(Reply),
    /// The reload event stream.
    Events,
}

/// Answers a connection's requests while it has complete ones, then gives it back.
fn serve(job: Job, cx: &Context) {
    let Job {
        mut stream,
        mut head,
        mut rest,
    } = job;
    if stream.set_write_timeout(Some(WRITE_TIMEOUT)).is_err() {
        return;
    }
    loop {
        let reply = match answer(&head, cx) {
            Answer::Reply(r) => r,
            Answer::Events => match cx.hub.open(&cx.shared, &head.target, stream) {
                Ok(()) => return,
                Err((r, s)) => {
                    stream = s;
                    r
                }
            },
        };
        let keep = head.keep_alive && !head.has_body && !reply.close && !cx.shared.lock().stopping;
        let bytes = reply.to_bytes(head.method == "HEAD", keep);
        if send(&mut stream, &bytes).is_err() || !keep {
            return;
        }
        match request::parse(&rest) {
            Parsed::Complete(next, n) => {
                head = next;
                rest.drain(..n);
            }
            Parsed::Partial => {
                return cx.reactor.give_back(Back { stream, buf: rest });
            }
            Parsed::Refused(status) => {
                let _ = send(&mut stream, &Reply::refusal(status).to_bytes(false, false));
                return;
            }
        }
    }
}

/// The answer to one request: refusals first, the site after.
fn answer(head: &Head, cx: &Context) -> Answer {
    let refuse = |status, text: &str| {
        let mut r = Reply::plain(status, text);
        r.close = true;
        Answer::Reply(r)
    };
    match head.hosts.as_slice() {
        [] if head.minor == 0 => {}
        [host] if cx.hosts.allows(host) => {}
        [_] => {
            return refuse(
                403,
                "Forbidden: this preview answers only at its own address (127.0.0.1, localhost, [::1] or the --bind address, with its port).\n",
            )
        }
        _ => return refuse(400, "Bad request: one Host header is needed.\n"),
    }
    if !matches!(head.method.as_str(), "GET" | "HEAD") {
        let mut r = Reply::plain(405, "Only GET and HEAD are supported.\n");
        r.close = head.has_body;
        return Answer::Reply(r);
    }
    if http::is_event_stream(&head.target) {
        return Answer::Events;
    }
    Answer::Reply(http::handle(
        &cx.shared,
        &head.target,
        &cx.pdf_waits,
        MAX_PDF_WAITS,
    ))
}

/// Writes a whole answer, giving up on a client that reads too slowly.
fn send(stream: &mut TcpStream, bytes: &[u8]) -> std::io::Result<()> {
    let start = Instant::now();
    let mut sent = 0;
    while sent < bytes.len() {
        if start.elapsed() > SEND_TIMEOUT {
            return Err(ErrorKind::TimedOut.into());
        }
        match stream.write(&bytes[sent..]) {
            Ok(0) => return Err(ErrorKind::WriteZero.into()),
            Ok(n) => sent += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
