#!/usr/bin/env node
// Turns one results directory of run.sh into summary.tsv and summary.md.
//   node report.js RESULTS_DIR
// Input: RESULTS_DIR/points.tsv, one line per measured point:
//   target  point  tool(wrk|probe)  raw-file  cpu-ticks-delta  rss-kB  peak-rss-kB
// plus the raw wrk text / probe JSON it names, and RESULTS_DIR/env.txt (copied into the report).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2];
if (!dir) { console.error('usage: node report.js RESULTS_DIR'); process.exit(2); }
const ticksPerSecond = Number(process.env.CLK_TCK || 100);
const TARGETS = ['direct', 'vertx-floor', 'switchboard', 'portkey'];
const POINTS = ['json-c1', 'json-c50', 'json-open', 'stream-c1', 'stream-open', 'stream-c50', 'stream-c50-fill', 'stream-c50-slow'];

const ms = (value, unit) => Number(value) * { us: 0.001, ms: 1, s: 1000, m: 60000 }[unit];

function parseWrk(text) {
  const requests = Number((text.match(/(\d+) requests in/) || [])[1] || 0);
  const pct = {};
  for (const m of text.matchAll(/^\s+(50|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$/gm)) pct[m[1]] = ms(m[2], m[3]);
  const non2xx = Number((text.match(/Non-2xx or 3xx responses: (\d+)/) || [])[1] || 0);
  const socket = text.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const socketErrors = socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  return {
    requests, rps: Number((text.match(/Requests\/sec:\s+([\d.]+)/) || [])[1] || NaN),
    p50: pct['50'], p90: pct['90'], p99: pct['99'], ttfbP50: null, ttfbP99: null, errors: non2xx + socketErrors,
  };
}

function parseProbe(json) {
  return {
    requests: json.ok + json.errors, rps: json.rps, p50: json.total_ms.p50, p90: json.total_ms.p90, p99: json.total_ms.p99,
    ttfbP50: json.ttfb_ms.p50, ttfbP99: json.ttfb_ms.p99, errors: json.errors, sendLagP99: json.send_lag_ms.p99,
  };
}

function load() {
  const rows = [];
  for (const line of fs.readFileSync(path.join(dir, 'points.tsv'), 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [target, point, tool, raw, ticks, rssKb, peakKb] = line.split('\t');
    const rawPath = path.join(dir, raw);
    let m;
    try { m = tool === 'wrk' ? parseWrk(fs.readFileSync(rawPath, 'utf8')) : parseProbe(JSON.parse(fs.readFileSync(rawPath, 'utf8'))); }
    catch (e) { m = { requests: 0, rps: NaN, errors: NaN, failed: `unreadable ${raw}: ${e.message}` }; }
    m.cpuMsPerReq = m.requests ? (Number(ticks) * 1000 / ticksPerSecond) / m.requests : NaN;
    rows.push({ target, point, tool, rssMb: Number(rssKb) / 1024, peakMb: Number(peakKb) / 1024, ...m });
  }
  return rows;
}

const f = (x, digits = 3) => (x == null || Number.isNaN(x) ? '–' : x.toFixed(digits));
const signed = (x, digits = 3) => (x == null || Number.isNaN(x) ? '–' : (x >= 0 ? '+' : '') + x.toFixed(digits));

function tables(rows) {
  const find = (target, point) => rows.find((r) => r.target === target && r.point === point);
  const present = TARGETS.filter((t) => rows.some((r) => r.target === t));
  const out = [];
  out.push('| target | point | tool | req/s | p50 ms | p90 ms | p99 ms | TTFB p50 ms | TTFB p99 ms | added p50 ms | added p99 ms | errors | CPU ms/req | RSS MB |');
  out.push('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const t of present) {
    for (const p of POINTS) {
      const r = find(t, p); if (!r) continue;
      const d = find('direct', p);
      const isStream = p.startsWith('stream');
      // added latency: for streams the TTFB is what a user waits for, for JSON the whole answer
      const addP50 = t === 'direct' || !d ? null : isStream ? r.ttfbP50 - d.ttfbP50 : r.p50 - d.p50;
      const addP99 = t === 'direct' || !d ? null : isStream ? r.ttfbP99 - d.ttfbP99 : r.p99 - d.p99;
      out.push(`| ${t} | ${p} | ${r.tool} | ${f(r.rps, 0)} | ${f(r.p50)} | ${f(r.p90)} | ${f(r.p99)} | ${isStream ? f(r.ttfbP50) : ''} | ${isStream ? f(r.ttfbP99) : ''}` +
        ` | ${signed(addP50)} | ${signed(addP99)} | ${r.errors} | ${f(r.cpuMsPerReq, 4)} | ${f(r.rssMb, 0)} |`);
    }
  }
  out.push('');
  out.push('Headline figures (issue 8 targets in the last column; "added" = target minus direct, same point):');
  out.push('');
  out.push(`| figure | ${present.join(' | ')} | target |`);
  out.push(`|---|${present.map(() => '---:').join('|')}|---|`);
  const figure = (label, fn, targetText) => out.push(`| ${label} | ${present.map((t) => fn(t)).join(' | ')} | ${targetText} |`);
  const added = (t, p, key) => { const r = find(t, p), d = find('direct', p); return t === 'direct' || !r || !d ? '' : signed(r[key] - d[key]); };
  figure('req/s, JSON, 50 conns', (t) => f((find(t, 'json-c50') || {}).rps, 0), '≥12,000');
  figure('added p50 ms, JSON, 1 conn', (t) => added(t, 'json-c1', 'p50'), '≤0.1');
  figure('added p99 ms, JSON, 1 conn', (t) => added(t, 'json-c1', 'p99'), '≤1');
  figure('added TTFB p50 ms, stream, 1 conn', (t) => added(t, 'stream-c1', 'ttfbP50'), '≤0.5');
  figure('CPU ms/request, JSON, 50 conns', (t) => f((find(t, 'json-c50') || {}).cpuMsPerReq, 4), '≤0.08');
  figure('CPU ms/request, stream, 1 conn', (t) => f((find(t, 'stream-c1') || {}).cpuMsPerReq, 4), '');
  figure('peak RSS MB (VmHWM)', (t) => f(Math.max(...rows.filter((r) => r.target === t).map((r) => r.peakMb)), 0), '≤256');
  const ratio = (t, p) => { const a = find(t, 'stream-c50'), b = find(t, p); return a && b ? f(b.ttfbP99 / a.ttfbP99, 2) : ''; };
  figure('TTFB p99 ms, stream, 50 conns', (t) => f((find(t, 'stream-c50') || {}).ttfbP99), '');
  figure('TTFB p99 ms, the same while the slow readers arrive (fill)', (t) => f((find(t, 'stream-c50-fill') || {}).ttfbP99), '');
  figure('TTFB p99 ms, the same beside the settled slow readers', (t) => f((find(t, 'stream-c50-slow') || {}).ttfbP99), '');
  figure('TTFB p99 ratio while they arrive', (t) => ratio(t, 'stream-c50-fill'), '');
  figure('slow readers\' TTFB p99 ratio', (t) => ratio(t, 'stream-c50-slow'), '≤2 (issue 13)');
  figure('RSS MB after the slow-reader point', (t) => f((find(t, 'stream-c50-slow') || {}).rssMb, 0), '≤400 at 1,000 readers (issue 13)');
  figure('upstream closed after client reset, p99 ms', (t) => (cancel[t] ? f(cancel[t].p99_ms) : ''), '≤100 (issue 13)');
  figure('errors, all points', (t) => String(rows.filter((r) => r.target === t).reduce((a, r) => a + r.errors, 0)), '0');
  return out.join('\n');
}

const cancel = {};
if (fs.existsSync(path.join(dir, 'cancel.tsv'))) {
  for (const line of fs.readFileSync(path.join(dir, 'cancel.tsv'), 'utf8').split('\n')) {
    const [target, json] = line.split('\t');
    try { if (target) cancel[target] = JSON.parse(json); } catch (e) { /* a failed run: no figure */ }
  }
}
const rows = load();
fs.writeFileSync(path.join(dir, 'summary.tsv'),
  ['target\tpoint\ttool\trps\tp50_ms\tp90_ms\tp99_ms\tttfb_p50_ms\tttfb_p99_ms\terrors\tcpu_ms_per_req\trss_mb\tpeak_rss_mb']
    .concat(rows.map((r) => [r.target, r.point, r.tool, f(r.rps, 1), f(r.p50), f(r.p90), f(r.p99), f(r.ttfbP50), f(r.ttfbP99), r.errors, f(r.cpuMsPerReq, 4), f(r.rssMb, 0), f(r.peakMb, 0)].join('\t')))
    .join('\n') + '\n');
const envText = fs.existsSync(path.join(dir, 'env.txt')) ? fs.readFileSync(path.join(dir, 'env.txt'), 'utf8') : '';
const md = `# Load benchmark results: ${path.basename(path.resolve(dir))}\n\n${tables(rows)}\n\n` +
  'Points: `json-c1`/`json-c50` wrk closed loop (1 thread); `stream-c1` probe closed loop, 1 connection; ' +
  '`*-open` probe open loop at a fixed rate; `stream-c50` 50 connections closed loop, `stream-c50-fill` the same while ' +
  'slow readers (SlowReaders.java, 1 KB/s each) arrive and the target fills their buffers, `stream-c50-slow` the same once they ' +
  'have settled and hold large streams open. CPU ms/req is the target process\'s user+system time over the point ' +
  'divided by its requests (for `direct` it is the mock\'s). RSS is VmRSS after the point, peak is VmHWM.\n\n' +
  '## Environment\n\n```\n' + envText.trim() + '\n```\n';
fs.writeFileSync(path.join(dir, 'summary.md'), md);
process.stdout.write(tables(rows) + '\n');
