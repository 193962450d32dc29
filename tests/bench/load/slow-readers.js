#!/usr/bin/env node
// Slow streaming clients for the load benchmark's slow-reader point: N connections, each asking
// for a large stream ("user": "bench-big-stream", which mock-upstream.js answers with BIG_CHUNKS
// chunks of 1,000 characters) and reading it slowly: one socket read (at most 64 KB) every
// --interval ms, the socket paused in between, so TCP pushes back on the router. --interval 0
// never reads after the response headers (a client that stopped reading). A stream that ends is
// asked for again on the same connection. Runs until --duration passes or SIGTERM, then prints
// one JSON line: connections, streams started and finished, bytes read, errors.
//
// node slow-readers.js --url http://127.0.0.1:19080/v1/chat/completions [--conns 200] [--interval 1000]
//   [--duration 30] [-H 'name: value']...
'use strict';
const net = require('node:net');

const opt = { url: '', conns: 200, interval: 1000, duration: 30, headers: {} };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const value = () => argv[++i];
  switch (argv[i]) {
    case '--url': opt.url = value(); break;
    case '--conns': opt.conns = Number(value()); break;
    case '--interval': opt.interval = Number(value()); break;
    case '--duration': opt.duration = Number(value()); break;
    case '-H': { const h = value(); const c = h.indexOf(':'); opt.headers[h.slice(0, c).trim()] = h.slice(c + 1).trim(); break; }
    default: console.error(`slow-readers: unknown argument ${argv[i]}`); process.exit(2);
  }
}
const target = new URL(opt.url);
if (!['127.0.0.1', 'localhost'].includes(target.hostname)) { console.error('slow-readers: loopback targets only'); process.exit(2); }

const body = JSON.stringify({ model: 'gpt-4o-mini', stream: true, user: 'bench-big-stream',
  messages: [{ role: 'user', content: 'Tell me a very long story.' }] });
const extra = Object.entries(opt.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
const request = `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nContent-Type: application/json\r\n` +
  `Authorization: Bearer sk-bench\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const stats = { conns: opt.conns, open: 0, streams: 0, finished: 0, bytes: 0, errors: 0 };
const sockets = new Set();

function connect() {
  const s = net.connect({ host: target.hostname, port: Number(target.port) });
  sockets.add(s);
  let tail = '';
  s.on('connect', () => { stats.open++; stats.streams++; s.write(request); });
  s.on('data', (part) => {
    stats.bytes += part.length;
    tail = (tail + part.toString('latin1')).slice(-64);
    if (tail.includes('data: [DONE]')) { stats.finished++; stats.streams++; tail = ''; s.write(request); }
    if (opt.interval >= 0) s.pause();
  });
  s.on('error', () => { stats.errors++; });
  s.on('close', () => { sockets.delete(s); stats.open--; if (!stopping) setTimeout(connect, 100); });
}

let stopping = false;
function stop() {
  stopping = true;
  for (const s of sockets) s.destroy();
  console.log(JSON.stringify(stats));
  process.exit(0);
}
for (let i = 0; i < opt.conns; i++) connect();
if (opt.interval > 0) setInterval(() => { for (const s of sockets) s.resume(); }, opt.interval);
setTimeout(stop, opt.duration * 1000);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
