#!/usr/bin/env node
// How fast a gateway hangs up on its upstream when its client goes away: --trials times, a stream
// is asked for ("user": "bench-hold-<id>": mock-upstream.js sends one content chunk and then holds
// the connection open), the client waits for the content, arms a long poll on the mock
// (GET /closes/<id>, answered when the mock sees that upstream connection close), then resets its
// own connection (TCP RST). The latency is from the reset to the long poll's answer: an upper bound
// on the gateway's reaction (it includes one loopback HTTP answer), measured on one clock.
// Prints p50/p90/p99/max in ms and one JSON line; trials whose upstream never closed within
// --timeout ms count as failures, and after --give-up (20) failures in a row the run stops (a
// target that never hangs up on its upstream, like a plain pipe, would take trials x timeout).
//
// node cancel-latency.js --url http://127.0.0.1:19080/v1/chat/completions --mock http://127.0.0.1:19100
//   [--trials 1000] [--timeout 5000] [-H 'name: value']...
'use strict';
const http = require('node:http');
const crypto = require('node:crypto');

const opt = { url: '', mock: 'http://127.0.0.1:19100', trials: 1000, timeout: 5000, giveUp: 20, headers: {} };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const value = () => argv[++i];
  switch (argv[i]) {
    case '--url': opt.url = value(); break;
    case '--mock': opt.mock = value(); break;
    case '--trials': opt.trials = Number(value()); break;
    case '--timeout': opt.timeout = Number(value()); break;
    case '--give-up': opt.giveUp = Number(value()); break;
    case '-H': { const h = value(); const c = h.indexOf(':'); opt.headers[h.slice(0, c).trim().toLowerCase()] = h.slice(c + 1).trim(); break; }
    default: console.error(`cancel-latency: unknown argument ${argv[i]}`); process.exit(2);
  }
}
const target = new URL(opt.url);
const mock = new URL(opt.mock);
const clock = () => Number(process.hrtime.bigint()) / 1e6;

function trial() {
  return new Promise((resolve) => {
    const id = crypto.randomUUID();
    const body = Buffer.from(JSON.stringify({ model: 'gpt-4o-mini', stream: true, user: `bench-hold-${id}`,
      messages: [{ role: 'user', content: 'hold on' }] }));
    let done = false;
    const finish = (v) => { if (!done) { done = true; resolve(v); } };
    const req = http.request({ host: target.hostname, port: Number(target.port), path: target.pathname, method: 'POST', agent: false,
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench', 'content-length': body.length, ...opt.headers } }, (res) => {
      let seen = '';
      res.on('data', (part) => {
        seen += part.toString('latin1');
        if (!seen.includes('Hello') || req.armed) return;
        req.armed = true;
        const poll = http.get({ host: mock.hostname, port: Number(mock.port), path: `/closes/${id}`, agent: false }, (p) => {
          p.resume();
          p.on('end', () => finish(clock() - req.resetAt));
        });
        poll.on('error', () => finish(null));
        poll.setTimeout(opt.timeout, () => { poll.destroy(); finish(null); });
        // let the long poll reach the mock before the reset
        setTimeout(() => { req.resetAt = clock(); req.socket.resetAndDestroy(); }, 2);
      });
      res.on('error', () => {});
    });
    req.on('error', () => { if (!req.armed) finish(null); });
    req.end(body);
    setTimeout(() => { req.destroy(); finish(null); }, opt.timeout + 1000).unref();
  });
}

(async () => {
  const ms = [];
  let failed = 0, inARow = 0, ran = 0;
  for (let i = 0; i < opt.trials && inARow < opt.giveUp; i++, ran++) {
    const v = await trial();
    if (v == null) { failed++; inARow++; } else { ms.push(v); inARow = 0; }
  }
  ms.sort((a, b) => a - b);
  const at = (q) => (ms.length ? Math.round(ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)] * 1000) / 1000 : null);
  const result = { trials: ran, measured: ms.length, failed, gave_up: inARow >= opt.giveUp, p50_ms: at(0.5), p90_ms: at(0.9), p99_ms: at(0.99), max_ms: at(1) };
  console.log(`upstream closed after client reset: p50 ${result.p50_ms} ms, p90 ${result.p90_ms} ms, p99 ${result.p99_ms} ms, ` +
    `max ${result.max_ms} ms over ${ms.length} trials (${failed} failed)`);
  console.log(JSON.stringify(result));
})();
