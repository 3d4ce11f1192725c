//! The reload event streams. Each open page keeps one open for as long as it is shown, so
//! they are not held by the request workers (a few tabs would take them all): a worker sends
//! the stream's head and hands the socket to the [`Hub`], whose one thread writes every
//! stream's events (and a ping now and then, which also finds the pages that went away).

use super::reload;
use super::response::Reply;
use super::site::{Change, Shared};
use std::io::Write;
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many reload streams may be open at once.
pub const MAX_STREAMS: usize = 128;
/// How often an idle stream gets a comment line.
const PING: Duration = Duration::from_secs(15);

/// An open stream and the generation its page has seen.
struct Stream {
    out: TcpStream,
    since: u64,
}

/// The open reload streams.
#[derive(Default)]
pub struct Hub {
    /// Streams handed over and not yet taken by the hub's thread.
    pending: Mutex<Vec<Stream>>,
    has_pending: AtomicBool,
    open: AtomicUsize,
}

impl Hub {
    /// Answers a request for the event stream on `out` (the worker's connection, blocking):
    /// sends the head, then hands the socket over, or returns a refusal to send instead.
    pub fn open(
        &self,
        shared: &Shared,
        target: &str,
        mut out: TcpStream,
    ) -> Result<(), (Reply, TcpStream)> {
        let query = target.split_once('?').map_or("", |(_, q)| q);
        let param = |name: &str| {
            query
                .split('&')
                .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
        };
        let since: u64 = param("since").and_then(|v| v.parse().ok()).unwrap_or(0);
        let same_server = param("server") == Some(shared.lock().instance.as_str());
        if self.open.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
            self.open.fetch_sub(1, Ordering::SeqCst);
            let mut busy = Reply::plain(503, "Too many reload streams are open.\n");
            busy.close = true;
            return Err((busy, out));
        }
        let mut head = String::from(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
             Cache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n",
        );
        if !same_server {
            // A page served by an earlier run of the server: everything may have changed.
            head.push_str(&reload::event(&Change::All, 0));
        }
        let sent = out.write_all(head.as_bytes()).is_ok();
        if !sent || !same_server || out.set_nonblocking(true).is_err() {
            self.open.fetch_sub(1, Ordering::SeqCst);
            return Ok(());
        }
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Stream { out, since });
        self.has_pending.store(true, Ordering::SeqCst);
        shared.wake();
        Ok(())
    }

    /// How many streams are open.
    pub fn open_streams(&self) -> usize {
        self.open.load(Ordering::SeqCst)
    }

    /// The hub's thread: sends each stream the changes after the generation it has seen, until
    /// the server stops (which closes them all).
    pub fn run(&self, shared: &Shared) {
        let mut streams: Vec<Stream> = Vec::new();
        let mut last_ping = Instant::now();
        loop {
            let oldest = streams.iter().map(|s| s.since).min().unwrap_or(u64::MAX);
            let wait = PING.saturating_sub(last_ping.elapsed());
            let s = shared.wait_until(wait, |s| {
                s.generation > oldest || self.has_pending.load(Ordering::SeqCst)
            });
            if s.stopping {
                return;
            }
            if self.has_pending.swap(false, Ordering::SeqCst) {
                let mut new = self.pending.lock().unwrap_or_else(|e| e.into_inner());
                streams.append(&mut new);
            }
            let ping = last_ping.elapsed() >= PING;
            let generation = s.generation;
            let messages: Vec<Option<String>> = streams
                .iter()
                .map(|st| match s.changes_since(st.since) {
                    Some(c) => Some(reload::event(&c, generation)),
                    None => ping.then(|| ": ping\n\n".to_string()),
                })
                .collect();
            drop(s);
            let before = streams.len();
            let mut messages = messages.into_iter();
            streams.retain_mut(|st| match messages.next().flatten() {
                Some(m) => {
                    st.since = generation;
                    send(&mut st.out, m.as_bytes())
                }
                None => true,
            });
            self.open
                .fetch_sub(before - streams.len(), Ordering::SeqCst);
            if ping {
                last_ping = Instant::now();
            }
        }
    }
}

/// Writes a whole message without waiting; a stream whose page is gone, or does not read, is
/// dropped (a page that is still open connects again and is told what it missed).
fn send(out: &mut TcpStream, message: &[u8]) -> bool {
    matches!(out.write(message), Ok(n) if n == message.len())
}
