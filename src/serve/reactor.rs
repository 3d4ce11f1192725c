//! The connections. One thread waits (with `mio`) on the listening socket and on every open
//! connection between requests; it reads request heads as their bytes arrive and hands each
//! complete head, with its connection, to the worker pool ([`super::workers`]), which gives a
//! kept-alive connection back after answering. An idle or slow connection so costs a buffer,
//! never a thread: the threads are a fixed few however many connections are open, a head
//! that does not arrive in time closes its connection (slowloris), and past
//! [`MAX_CONNECTIONS`] the connection idle longest is closed to make room.
//!
//! Why not tiny_http, which this replaced: it starts a thread for every connection that finds
//! no idle one (5,000 open connections made 5,013 threads), reads request lines and header
//! fields of any length, writes a response's head and body in separate small writes (about
//! 40 ms each on a kept-alive connection), cannot set `TCP_NODELAY`, and reads the next
//! request of a connection on a thread of its own, so a pool cannot be bounded around it.
//! hyper could do all of it but needs an async runtime; the preview answers GET and HEAD from
//! memory, and a small server over std::net, with httparse to parse and mio to wait, is less
//! code to trust than that stack.

use super::request::{self, Head, Parsed, MAX_HEADERS, MAX_LINE};
use super::response::Reply;
use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token, Waker};
use std::collections::HashMap;
use std::io::{self, ErrorKind, Read, Write};
use std::net::Shutdown;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The most connections kept open; a new one past this closes the one idle longest.
pub const MAX_CONNECTIONS: usize = 512;
/// How long a request head may take to arrive, from the connection's opening or the end of
/// its previous answer; a connection idle for this long is closed.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a refused connection is still read from (the bytes dropped) before it is closed,
/// so that the refusal is not lost to a reset.
const LINGER: Duration = Duration::from_secs(2);
/// How soon to try accepting again after running out of file descriptors.
const ACCEPT_RETRY: Duration = Duration::from_millis(100);

const LISTENER: Token = Token(0);
const WAKER: Token = Token(1);

/// A complete request head and its connection (blocking again), for a worker.
pub struct Job {
    pub stream: std::net::TcpStream,
    pub head: Head,
    /// Bytes that came after the head (the start of a pipelined request).
    pub rest: Vec<u8>,
}

/// A connection given back after an answer, to wait for its next request.
pub struct Back {
    pub stream: std::net::TcpStream,
    /// Bytes of the next request already read.
    pub buf: Vec<u8>,
}

struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
    deadline: Instant,
    /// Refused: read only to drop the bytes, until the client closes or the deadline.
    closing: bool,
}

/// Gives connections back to the reactor, and stops it, from other threads.
#[derive(Clone)]
pub struct Handle {
    waker: Arc<Waker>,
    back: Sender<Back>,
    stop: Arc<AtomicBool>,
}

impl Handle {
    pub fn give_back(&self, back: Back) {
        if self.back.send(back).is_ok() {
            let _ = self.waker.wake();
        }
    }

    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = self.waker.wake();
    }
}

/// The thread that owns the listening socket and the connections between requests.
pub struct Reactor {
    poll: Poll,
    listener: TcpListener,
    conns: HashMap<usize, Conn>,
    next: usize,
    jobs: Sender<Job>,
    back: Receiver<Back>,
    stop: Arc<AtomicBool>,
    retry_accept: bool,
}

impl Reactor {
    /// Takes over a bound listener; complete heads go to `jobs`.
    pub fn new(
        listener: std::net::TcpListener,
        jobs: Sender<Job>,
    ) -> io::Result<(Reactor, Handle)> {
        listener.set_nonblocking(true)?;
        let mut listener = TcpListener::from_std(listener);
        let poll = Poll::new()?;
        poll.registry()
            .register(&mut listener, LISTENER, Interest::READABLE)?;
        let waker = Arc::new(Waker::new(poll.registry(), WAKER)?);
        let (back_tx, back) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let handle = Handle {
            waker,
            back: back_tx,
            stop: stop.clone(),
        };
        let reactor = Reactor {
            poll,
            listener,
            conns: HashMap::new(),
            next: 2,
            jobs,
            back,
            stop,
            retry_accept: false,
        };
        Ok((reactor, handle))
    }

    /// Runs until stopped; then every connection it holds is closed, and the workers' queue
    /// with it.
    pub fn run(mut self) {
        let mut events = Events::with_capacity(256);
        while !self.stop.load(Ordering::SeqCst) {
            let mut timeout = self
                .conns
                .values()
                .map(|c| c.deadline.saturating_duration_since(Instant::now()))
                .min();
            if self.retry_accept {
                timeout = Some(timeout.map_or(ACCEPT_RETRY, |t| t.min(ACCEPT_RETRY)));
            }
            if let Err(e) = self.poll.poll(&mut events, timeout) {
                if e.kind() == ErrorKind::Interrupted {
                    continue;
                }
                eprintln!("error: the preview server cannot wait for connections: {e}");
                return;
            }
            for event in events.iter() {
                match event.token() {
                    LISTENER => self.accept(),
                    WAKER => {}
                    Token(k) => self.ready(k),
                }
            }
            if self.retry_accept {
                self.accept();
            }
            while let Ok(back) = self.back.try_recv() {
                self.resume(back);
            }
            self.expire();
        }
    }

    fn accept(&mut self) {
        self.retry_accept = false;
        loop {
            match self.listener.accept() {
                Ok((stream, _)) => {
                    // Answers leave in one write anyway; no waiting for acknowledgements.
                    let _ = stream.set_nodelay(true);
                    self.add(stream, Vec::new());
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) if e.kind() == ErrorKind::ConnectionAborted => {}
                // Out of file descriptors, say: make room, or try again shortly.
                Err(_) => {
                    if !self.evict() {
                        self.retry_accept = true;
                        return;
                    }
                }
            }
        }
    }

    /// Starts waiting on a connection, with `buf` already read of its next request.
    fn add(&mut self, mut stream: TcpStream, buf: Vec<u8>) -> Option<usize> {
        if self.conns.len() >= MAX_CONNECTIONS {
            self.evict();
        }
        let k = self.next;
        self.next += 1;
        self.poll
            .registry()
            .register(&mut stream, Token(k), Interest::READABLE)
            .ok()?;
        let conn = Conn {
            stream,
            buf,
            deadline: Instant::now() + REQUEST_TIMEOUT,
            closing: false,
        };
        self.conns.insert(k, conn);
        Some(k)
    }

    /// Closes the connection idle longest; whether there was one.
    fn evict(&mut self) -> bool {
        let oldest = self
            .conns
            .iter()
            .min_by_key(|(_, c)| c.deadline)
            .map(|(k, _)| *k);
        oldest.and_then(|k| self.conns.remove(&k)).is_some()
    }

    /// A connection given back by a worker; its next request may be here already.
    fn resume(&mut self, back: Back) {
        if back.stream.set_nonblocking(true).is_err() {
            return;
        }
        if let Some(k) = self.add(TcpStream::from_std(back.stream), back.buf) {
            self.ready(k);
        }
    }

    /// Reads what a connection has sent and hands on a complete head.
    fn ready(&mut self, k: usize) {
        let Some(conn) = self.conns.get_mut(&k) else {
            return;
        };
        let (eof, failed) = fill(conn);
        if conn.closing || failed {
            if eof || failed {
                self.conns.remove(&k);
            }
            return;
        }
        match request::parse(&conn.buf) {
            Parsed::Partial if eof => {
                self.conns.remove(&k);
            }
            Parsed::Partial => {}
            Parsed::Complete(head, n) => {
                let Some(mut conn) = self.conns.remove(&k) else {
                    return;
                };
                let _ = self.poll.registry().deregister(&mut conn.stream);
                let rest = conn.buf.split_off(n);
                let stream: std::net::TcpStream = conn.stream.into();
                if stream.set_nonblocking(false).is_ok() {
                    let _ = self.jobs.send(Job { stream, head, rest });
                }
            }
            Parsed::Refused(status) => {
                let _ = conn
                    .stream
                    .write(&Reply::refusal(status).to_bytes(false, false));
                let _ = conn.stream.shutdown(Shutdown::Write);
                conn.closing = true;
                conn.buf = Vec::new();
                conn.deadline = Instant::now() + LINGER;
                if fill(conn) != (false, false) {
                    self.conns.remove(&k);
                }
            }
        }
    }

    /// Closes the connections whose time is up: a head that has not arrived gets 408.
    fn expire(&mut self) {
        let now = Instant::now();
        let late: Vec<usize> = self
            .conns
            .iter()
            .filter(|(_, c)| c.deadline <= now)
            .map(|(k, _)| *k)
            .collect();
        for k in late {
            if let Some(mut c) = self.conns.remove(&k) {
                if !c.closing && !c.buf.is_empty() {
                    let _ = c.stream.write(&Reply::refusal(408).to_bytes(false, false));
                }
            }
        }
    }
}

/// Reads everything a connection has sent so far (dropping it if the connection is closing),
/// stopping early once a head could not fit; whether it ended, and whether reading failed.
fn fill(conn: &mut Conn) -> (bool, bool) {
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if !conn.closing && conn.buf.len() > MAX_LINE + MAX_HEADERS + 2 {
            return (false, false);
        }
        match conn.stream.read(&mut chunk) {
            Ok(0) => return (true, false),
            Ok(n) if !conn.closing => conn.buf.extend_from_slice(&chunk[..n]),
            Ok(_) => {}
            Err(e) if e.kind() == ErrorKind::WouldBlock => return (false, false),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return (false, true),
        }
    }
}
