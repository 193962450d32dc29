#!/usr/bin/env node
// Summarises the execution samples of a JFR recording: the methods on top of the stack (self
// time) and the dev.switchboard methods anywhere on the stack (inclusive time).
//   jfr print --json --events jdk.ExecutionSample rec.jfr > samples.json && node jfr-top.js samples.json [N]
'use strict';
const fs = require('node:fs');

const [file, limitArg] = process.argv.slice(2);
if (!file) { console.error('usage: node jfr-top.js samples.json [N]'); process.exit(2); }
const limit = Number(limitArg || 25);
const events = JSON.parse(fs.readFileSync(file, 'utf8')).recording.events;
// lambdas and hidden classes carry per-run ids (Foo$$Lambda$460+0x.../1821131944): drop them
const name = (frame) => `${frame.method.type.name.replace(/\//g, '.').replace(/\$\$Lambda.*$/, '$$$$Lambda')}.${frame.method.name}`;
const isLambda = (n) => n.includes('$$Lambda') || n.includes('LambdaForm$');
const self = new Map(); const inclusive = new Map(); const entry = new Map(); const threads = new Map();
const bump = (map, key) => map.set(key, (map.get(key) || 0) + 1);
for (const event of events) {
  const frames = (event.values.stackTrace || {}).frames || [];
  if (!frames.length) continue;
  bump(threads, ((event.values.sampledThread || {}).javaName || '?').replace(/\d+$/, 'N'));
  bump(self, name(frames[0]));
  const ours = [...new Set(frames.map(name).filter((n) => n.startsWith('dev.switchboard.') && !isLambda(n)))];
  ours.forEach((n) => bump(inclusive, n));
  // the innermost Switchboard frame: whose code the on-top library time is spent for
  const innermost = frames.map(name).find((n) => n.startsWith('dev.switchboard.') && !isLambda(n));
  bump(entry, innermost || '(no dev.switchboard frame: Vert.x/Netty/JVM)');
}
const total = events.length;
const print = (title, map) => {
  console.log(`\n${title} (of ${total} samples)`);
  [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit)
    .forEach(([n, c]) => console.log(`${(100 * c / total).toFixed(1).padStart(5)}%  ${String(c).padStart(6)}  ${n}`));
};
print('Threads', threads);
print('Top frames (self)', self);
print('Innermost dev.switchboard frame of each sample', entry);
print('dev.switchboard methods on the stack (inclusive)', inclusive);
