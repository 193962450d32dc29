#!/usr/bin/env node
// The hardening targets of issue 14, measured on the fat jar (out of `mvn verify`; see README.md):
//   1. requests lost at SIGTERM under load            (target 0)
//   2. slowloris connections left after the timeout   (target 0)
//   3. fuzzed raw HTTP requests answered with a 5xx, a body not in the API's error shape, or a leaked secret (target 0)
// usage: node targets.js [--jar engine/target/switchboard.jar] [--fuzz 10000] [--seed 14] [--only sigterm,slowloris,fuzz]
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');
const upstream = require('./mock-upstream.js');
const { generator } = require('./fuzz-cases.js');

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? acc.concat([[a.slice(2), all[i + 1]]]) : acc), []));
const JAR = path.resolve(args.jar || path.join(__dirname, '../../../engine/target/switchboard.jar'));
const FUZZ = Number(args.fuzz || 10000);
const SEED = Number(args.seed || 14);
const ONLY = (args.only || 'sigterm,slowloris,fuzz').split(',');
// secrets the node holds: neither may ever reach a client
const PROVIDER_KEY = 'sk-hardening-provider-' + 'Q'.repeat(24);
const ADMIN_KEY = 'sbk-hardening-admin-' + 'Z'.repeat(20);
const ADMIN_KEY_SHA = require('crypto').createHash('sha256').update(ADMIN_KEY).digest('hex');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const freePort = () => new Promise((res) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });

async function startNode(server, upstreamUrl) {
  const port = await freePort();
  const file = path.join(os.tmpdir(), `switchboard-hardening-${process.pid}-${port}.yaml`);
  fs.writeFileSync(file, `server: {host: 127.0.0.1, port: ${port}, ${server}}
providers: {mock: {type: openai, base-url: "${upstreamUrl}", api-key: "${PROVIDER_KEY}"}}
models: {m: {provider: mock, upstream-model: m, context-window: 128000}}
routes: {auto: {router: fixed, options: {models: [m]}}}
auth: {admin-key-sha256: "${ADMIN_KEY_SHA}"}
`);
  const proc = spawn('java', ['-Xmx512m', '-jar', JAR, '--config', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  const deadline = Date.now() + 90000;
  while (!log.includes('listening on http://127.0.0.1:' + port)) {
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error('node did not start:\n' + log);
    await sleep(100);
  }
  return { port, proc, log: () => log };
}

function exited(proc, ms) {
  return new Promise((res) => {
    if (proc.exitCode !== null) return res(true);
    const t = setTimeout(() => res(false), ms);
    proc.on('exit', () => { clearTimeout(t); res(true); });
  });
}

function chat(port, agent, stream) {
  const body = JSON.stringify({ model: 'm', stream, messages: [{ role: 'user', content: 'drain me' }] });
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/chat/completions', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode, complete: stream ? text.trimEnd().endsWith('data: [DONE]') && text.includes('w9')
        : text.includes('"chat.completion"') }));
      res.on('error', (e) => resolve({ error: e.code || e.message }));
    });
    req.on('error', (e) => resolve({ error: e.code || e.message }));
    req.end(body);
  });
}

/** Closed-loop clients (half streaming) on keep-alive connections; SIGTERM after loadMs; every request sent before it must succeed. */
async function sigterm(mockUrl) {
  const node = await startNode('instances: 4, shutdown-timeout-ms: 20000', mockUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const records = [];
  let killedAt = Infinity;
  const client = async (i) => {
    while (true) {
      const start = Date.now();
      if (start > killedAt) return;   // requests after SIGTERM would only be refused: the load balancer's job
      const r = await chat(node.port, agent, i % 2 === 0);
      records.push({ start, end: Date.now(), ...r });
    }
  };
  const clients = Array.from({ length: 64 }, (_, i) => client(i));
  await sleep(Number(args['load-ms'] || 6000));
  killedAt = Date.now();
  node.proc.kill('SIGTERM');
  await Promise.all(clients);
  const exitOk = await exited(node.proc, 30000);
  const drainMs = Date.now() - killedAt;
  agent.destroy();
  const before = records.filter((r) => r.start < killedAt);
  const inFlight = before.filter((r) => r.end >= killedAt);
  const lost = before.filter((r) => r.error || r.status !== 200 || !r.complete);
  return { requests_before_sigterm: before.length, in_flight_at_sigterm: inFlight.length, lost: lost.length,
    lost_samples: lost.slice(0, 5), exit_code: node.proc.exitCode, exited_within_30s: exitOk, sigterm_to_exit_ms: drainMs };
}

/** Silent and dripping connections against the default timeouts; how many are still open once the header timeout has passed. */
async function slowloris(mockUrl) {
  const node = await startNode('instances: 2', mockUrl);   // the shipped timeouts
  const headerMs = 10000;
  const sockets = [];
  const dripText = 'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Slow: ' + 'a'.repeat(200);
  for (let i = 0; i < 200; i++) {
    const s = net.connect(node.port, '127.0.0.1');
    const entry = { s, closed: false, drip: i % 2 === 1 };
    s.on('close', () => { entry.closed = true; });
    s.on('error', () => { });
    sockets.push(entry);
  }
  let at = 0;
  const drip = setInterval(() => {  // one header byte per 200 ms per dripping connection
    for (const e of sockets) if (e.drip && !e.closed) e.s.write(dripText[at % dripText.length]);
    at++;
  }, 200);
  await sleep(headerMs / 2);
  const served = await new Promise((res) => http.get({ host: '127.0.0.1', port: node.port, path: '/health/ready' }, (r) => { r.resume(); res(r.statusCode); })
    .on('error', (e) => res(e.code)));
  await sleep(headerMs / 2 + 3000);
  clearInterval(drip);
  const left = sockets.filter((e) => !e.closed).length;
  sockets.forEach((e) => e.s.destroy());
  node.proc.kill('SIGTERM');
  await exited(node.proc, 30000);
  return { connections: sockets.length, silent: 100, dripping: 100, header_timeout_ms: headerMs, waited_ms: headerMs + 3000,
    still_open: left, health_ready_during_attack: served };
}

/** Parses the HTTP/1.x responses in `buf` (several when the case held several requests). */
function responses(buf, head) {
  const out = [];
  let at = 0;
  while (at < buf.length) {
    const end = buf.indexOf('\r\n\r\n', at, 'latin1');
    if (end < 0) { out.push({ partial: true }); break; }
    const lines = buf.slice(at, end).toString('latin1').split('\r\n');
    const m = /^HTTP\/\d\.\d (\d{3})/.exec(lines[0]);
    if (!m) { out.push({ garbage: lines[0].slice(0, 80) }); break; }
    const headers = {};
    for (const l of lines.slice(1)) { const i = l.indexOf(':'); if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim(); }
    const status = Number(m[1]);
    let bodyStart = end + 4;
    let body = Buffer.alloc(0);
    if (head || status === 204 || status === 304 || (status >= 100 && status < 200)) {
      // no body
    } else if (headers['content-length'] !== undefined) {
      const n = Number(headers['content-length']);
      if (buf.length < bodyStart + n) { out.push({ status, headers, partial: true }); break; }
      body = buf.slice(bodyStart, bodyStart + n);
      bodyStart += n;
    } else if (/chunked/i.test(headers['transfer-encoding'] || '')) {
      const parts = [];
      let p = bodyStart;
      let done = false;
      while (true) {
        const eol = buf.indexOf('\r\n', p, 'latin1');
        if (eol < 0) break;
        const size = parseInt(buf.slice(p, eol).toString('latin1'), 16);
        if (size === 0) { const t = buf.indexOf('\r\n\r\n', eol, 'latin1'); p = t < 0 ? buf.length : t + 4; done = true; break; }
        if (buf.length < eol + 2 + size + 2) break;
        parts.push(buf.slice(eol + 2, eol + 2 + size));
        p = eol + 2 + size + 2;
      }
      if (!done) { out.push({ status, headers, partial: true }); break; }
      body = Buffer.concat(parts);
      bodyStart = p;
    } else {
      body = buf.slice(bodyStart); bodyStart = buf.length;   // until close
    }
    out.push({ status, headers, body: body.toString('utf8') });
    at = bodyStart;
  }
  return out;
}

function apiShaped(r) {
  if (r.status < 400) {
    const ct = r.headers['content-type'] || '';
    if (ct.startsWith('text/event-stream') || ct.startsWith('text/plain')) return true;   // SSE, Prometheus text
    try { JSON.parse(r.body); return true; } catch (e) { return false; }
  }
  try {
    const e = JSON.parse(r.body).error;
    return e && typeof e.message === 'string' && e.message.length > 0 && typeof e.type === 'string';
  } catch (e) { return false; }
}

/** Sends one case on a fresh connection; settles when the answers are complete and the line goes quiet, or the server closes. */
function sendCase(port, c) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    const chunks = [];
    let quiet = null;
    let done = false;
    const finish = (why) => {
      if (done) return;
      done = true;
      clearTimeout(quiet); clearTimeout(hard);
      s.destroy();
      resolve({ why, data: Buffer.concat(chunks) });
    };
    const hard = setTimeout(() => finish('timeout'), 20000);
    s.on('data', (d) => {
      chunks.push(d);
      clearTimeout(quiet);
      const rs = responses(Buffer.concat(chunks), c.head);
      if (rs.length && !rs[rs.length - 1].partial) quiet = setTimeout(() => finish('answered'), 300);
    });
    s.on('close', () => finish('closed'));
    s.on('error', () => { });
    s.write(c.bytes);
  });
}

async function fuzz(mockUrl) {
  const node = await startNode('instances: 2, body-timeout-ms: 2000, max-connections: 10000', mockUrl);
  const next = generator(SEED);
  const stats = { cases: 0, responses: 0, by_status: {}, five_xx: 0, not_api_shaped: 0, leaked_secret: 0, closed_without_answer: 0,
    no_answer_within_20s: 0, samples: [] };
  const perKind = {};
  const sample = (kind, c, detail) => {
    perKind[kind] = (perKind[kind] || 0) + 1;
    if (perKind[kind] <= 4) stats.samples.push({ kind, request: c.bytes.toString('latin1').slice(0, 200), detail });
  };
  let issued = 0;
  const worker = async () => {
    while (issued < FUZZ) {
      issued++;
      const c = next();
      const { why, data } = await sendCase(node.port, c);
      stats.cases++;
      const text = data.toString('latin1');
      if (text.includes(PROVIDER_KEY) || text.includes(ADMIN_KEY_SHA) || text.includes(ADMIN_KEY)) { stats.leaked_secret++; sample('secret', c, text.slice(0, 200)); }
      const rs = responses(data, c.head).filter((r) => r.status !== undefined && !r.partial);
      if (rs.length === 0) {
        if (why === 'timeout') { stats.no_answer_within_20s++; sample('no answer', c, why); } else {
          stats.closed_without_answer++;
          sample('closed without answer', c, text.slice(0, 120));
        }
        continue;
      }
      for (const r of rs) {
        if (r.status >= 100 && r.status < 200) continue;
        stats.responses++;
        stats.by_status[r.status] = (stats.by_status[r.status] || 0) + 1;
        if (r.status >= 500) { stats.five_xx++; sample('5xx', c, r.status + ' ' + (r.body || '').slice(0, 200)); }
        if (!c.head && !apiShaped(r)) { stats.not_api_shaped++; sample('shape', c, r.status + ' ' + JSON.stringify((r.body || '').slice(0, 200))); }
      }
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: 48 }, worker));
  stats.seconds = Math.round((Date.now() - started) / 1000);
  const alive = await new Promise((res) => http.get({ host: '127.0.0.1', port: node.port, path: '/health/live' }, (r) => { r.resume(); res(r.statusCode); })
    .on('error', (e) => res(e.code)));
  stats.health_live_after = alive;
  const log = node.log();
  stats.log_leaks_secret = log.includes(PROVIDER_KEY);
  stats.log_severe_lines = log.split('\n').filter((l) => l.includes('SEVERE')).length;
  node.proc.kill('SIGTERM');
  await exited(node.proc, 30000);
  return stats;
}

(async () => {
  if (!fs.existsSync(JAR)) throw new Error('build the jar first: ' + JAR);
  const mock = await upstream.start(Number(args['upstream-delay-ms'] || 1000));
  const mockUrl = `http://127.0.0.1:${mock.address().port}/v1`;
  const report = { date: new Date().toISOString(), jar: JAR, cores: os.cpus().length, loadavg: os.loadavg().map((x) => x.toFixed(2)) };
  if (ONLY.includes('sigterm')) report.sigterm = await sigterm(mockUrl);
  if (ONLY.includes('slowloris')) report.slowloris = await slowloris(mockUrl);
  if (ONLY.includes('fuzz')) { report.fuzz_seed = SEED; report.fuzz = await fuzz(mockUrl); }
  mock.close();
  console.log(JSON.stringify(report, null, 2));
  const failed = (report.sigterm && report.sigterm.lost > 0) || (report.slowloris && report.slowloris.still_open > 0)
    || (report.fuzz && (report.fuzz.five_xx + report.fuzz.not_api_shaped + report.fuzz.leaked_secret > 0 || report.fuzz.log_leaks_secret));
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
