#!/usr/bin/env node
// Load prober for OpenAI chat completions (JSON or SSE) over HTTP/1.1 keep-alive.
// It times each request from the moment it is written: time to the first body byte (TTFB)
// and time to the end of the body, and it counts a request as good only when the status is 200
// and, for streams, the body ends with "data: [DONE]".
//
//   closed loop: --conns N              N connections, each sends its next request on completion
//   open loop:   --rate R [--conns M]   a request every 1/R s whatever the answers do (at most M
//                                       sockets); the delay between the schedule and the write
//                                       is reported as send_lag so the prober's own lag is visible
//
// node probe.js --url http://127.0.0.1:19080/v1/chat/completions [--stream] [--conns 1]
//   [--rate 0] [--duration 10] [--warmup 1] [--model gpt-4o-mini] [-H 'name: value']... [--json FILE]
'use strict';
const http = require('node:http');
const fs = require('node:fs');

function parseArgs(argv) {
  const o = { url: '', stream: false, conns: 1, rate: 0, duration: 10, warmup: 1, model: 'gpt-4o-mini', headers: {}, json: '' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => { if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`); return argv[++i]; };
    switch (flag) {
      case '--url': o.url = value(); break;
      case '--stream': o.stream = true; break;
      case '--conns': o.conns = Number(value()); break;
      case '--rate': o.rate = Number(value()); break;
      case '--duration': o.duration = Number(value()); break;
      case '--warmup': o.warmup = Number(value()); break;
      case '--model': o.model = value(); break;
      case '--json': o.json = value(); break;
      case '-H': case '--header': {
        const h = value(); const colon = h.indexOf(':');
        if (colon < 1) throw new Error(`bad header '${h}'`);
        o.headers[h.slice(0, colon).trim().toLowerCase()] = h.slice(colon + 1).trim();
        break;
      }
      default: throw new Error(`unknown argument '${flag}'`);
    }
  }
  if (!o.url) throw new Error('--url is required');
  if (!(o.conns >= 1)) throw new Error('--conns must be >= 1');
  return o;
}

let opt;
try { opt = parseArgs(process.argv.slice(2)); } catch (e) { console.error(`probe: ${e.message}`); process.exit(2); }
const target = new URL(opt.url);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
  console.error(`probe: only loopback targets are allowed, not ${target.hostname}`);
  process.exit(2);
}

const payload = { model: opt.model, messages: [{ role: 'user', content: 'Say hello in one short sentence.' }], max_tokens: 16 };
if (opt.stream) Object.assign(payload, { stream: true, stream_options: { include_usage: true } });
const body = Buffer.from(JSON.stringify(payload));
const agent = new http.Agent({ keepAlive: true, maxSockets: opt.conns, maxFreeSockets: opt.conns });
const requestOptions = {
  host: target.hostname.replace(/^\[|\]$/g, ''), port: Number(target.port || 80), path: target.pathname + target.search,
  method: 'POST', agent,
  headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench', 'content-length': body.length, ...opt.headers },
};

const clock = () => Number(process.hrtime.bigint()) / 1e6; // milliseconds
const samples = { ttfb: [], total: [], lag: [] };
const failures = {};
let good = 0, bad = 0, inFlight = 0;
const fail = (kind, counted) => { if (counted) { bad++; failures[kind] = (failures[kind] || 0) + 1; } };

/** Sends one request; `scheduled` is when it should have gone out, `done` runs when it settles. */
function send(scheduled, measureFrom, measureUntil, done) {
  const written = clock();
  const counted = scheduled >= measureFrom && scheduled < measureUntil;
  inFlight++;
  const settle = () => { inFlight--; done(); };
  const req = http.request(requestOptions, (res) => {
    let firstByte = 0; let tail = '';
    res.on('data', (part) => {
      if (!firstByte) firstByte = clock();
      tail = (tail + part.toString('latin1')).slice(-32);
    });
    res.on('end', () => {
      const end = clock();
      const ok = res.statusCode === 200 && (!opt.stream || tail.trimEnd().endsWith('data: [DONE]'));
      if (!ok) fail(res.statusCode === 200 ? 'stream_without_done' : `http_${res.statusCode}`, counted);
      else if (counted) {
        good++;
        samples.ttfb.push((firstByte || end) - written);
        samples.total.push(end - written);
        samples.lag.push(written - scheduled);
      }
      settle();
    });
    res.on('error', (e) => { fail(e.code || 'response_error', counted); settle(); });
  });
  req.on('error', (e) => { fail(e.code || 'request_error', counted); settle(); });
  req.end(body);
}

function distribution(values) {
  const sorted = Float64Array.from(values).sort();
  const at = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] : null);
  const round = (x) => (x == null ? null : Math.round(x * 1000) / 1000);
  const mean = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null;
  return { n: sorted.length, mean: round(mean), p50: round(at(0.5)), p90: round(at(0.9)), p99: round(at(0.99)), max: round(at(1)) };
}

function report(measureFrom, measureUntil) {
  const seconds = (measureUntil - measureFrom) / 1000;
  const result = {
    url: opt.url, stream: opt.stream, loop: opt.rate > 0 ? 'open' : 'closed', conns: opt.conns, rate: opt.rate,
    duration_s: opt.duration, warmup_s: opt.warmup, ok: good, errors: bad, failures,
    rps: Math.round((good / seconds) * 10) / 10,
    ttfb_ms: distribution(samples.ttfb), total_ms: distribution(samples.total), send_lag_ms: distribution(samples.lag),
  };
  const load = opt.rate > 0 ? `open ${opt.rate}/s` : `closed c=${opt.conns}`;
  console.log(`${opt.stream ? 'stream' : 'json'} ${load}: ${result.rps} req/s ok=${good} errors=${bad}` +
    ` ttfb p50/p99=${result.ttfb_ms.p50}/${result.ttfb_ms.p99} total p50/p90/p99=${result.total_ms.p50}/${result.total_ms.p90}/${result.total_ms.p99} ms` +
    (opt.rate > 0 ? ` send_lag p99=${result.send_lag_ms.p99} ms` : ''));
  if (bad) console.log(`failures: ${JSON.stringify(failures)}`);
  if (opt.json) fs.writeFileSync(opt.json, JSON.stringify(result, null, 2) + '\n');
  agent.destroy();
  process.exit(0);
}

function run() {
  const start = clock();
  const measureFrom = start + opt.warmup * 1000;
  const measureUntil = measureFrom + opt.duration * 1000;
  let stopping = false;
  const maybeReport = () => { if (stopping && inFlight === 0) report(measureFrom, measureUntil); };
  // stragglers get 10 s, then the run ends with them uncounted
  setTimeout(() => { console.error(`probe: ${inFlight} requests still in flight, giving up on them`); fail('unfinished', true); report(measureFrom, measureUntil); },
    measureUntil - start + 10_000).unref();

  if (opt.rate > 0) {
    const interval = 1000 / opt.rate;
    let next = start;
    const tick = () => {
      const now = clock();
      if (now >= measureUntil) { stopping = true; maybeReport(); return; }
      while (next <= now) { send(next, measureFrom, measureUntil, maybeReport); next += interval; }
      setTimeout(tick, Math.max(0, next - clock() - 0.05));
    };
    tick();
  } else {
    const loop = () => {
      const now = clock();
      if (now >= measureUntil) { stopping = true; maybeReport(); return; }
      send(now, measureFrom, measureUntil, loop);
    };
    for (let c = 0; c < opt.conns; c++) loop();
  }
}
run();
