#!/usr/bin/env node
// Zero-delay OpenAI-compatible upstream for the load benchmark. Every answer is rendered once at
// start-up, so the mock's cost per request is node's HTTP handling and a substring test.
//
//   POST /v1/chat/completions                 a fixed chat.completion (about 375 bytes)
//   POST ... with "stream": true               SSE: a role chunk, CHUNKS content chunks, a finish
//                                              chunk, a usage chunk when "include_usage": true, [DONE]
//   ... with "user": "bench-big-stream"      SSE of BIG_CHUNKS content chunks of 1,000 characters
//                                              (about 1.1 MB per 1,000), written as fast as the
//                                              reader takes them and no faster (honours 'drain')
//   ... with "user": "bench-hold-<id>"        SSE: a role chunk and one content chunk, then silence
//                                              until the caller hangs up
//   GET  /closes/<id>                          long poll: answers when the bench-hold-<id> stream's
//                                              connection closed (for cancel-latency.js)
//   GET  /v1/models, GET /health
//
// Environment: MOCK_PORT (19100), MOCK_HOST (127.0.0.1), CHUNKS (20), BIG_CHUNKS (20000), BIG_BLOCK (64).
'use strict';
const http = require('node:http');

const port = Number(process.env.MOCK_PORT || 19100);
const host = process.env.MOCK_HOST || '127.0.0.1';
const contentChunks = Number(process.env.CHUNKS || 20);
const created = 1735689600;
const id = 'chatcmpl-bench-0001';
const model = 'gpt-4o-mini-2024-07-18';

const completion = Buffer.from(JSON.stringify({
  id, object: 'chat.completion', created, model,
  choices: [{
    index: 0,
    message: { role: 'assistant', content: 'Hello! A fixed answer from the benchmark mock.', refusal: null },
    logprobs: null,
    finish_reason: 'stop',
  }],
  usage: { prompt_tokens: 14, completion_tokens: 15, total_tokens: 29 },
  system_fingerprint: 'fp_bench',
}));

const frame = (payload) => `data: ${JSON.stringify(payload)}\n\n`;
const chunkFrame = (delta, finishReason) => frame({
  id, object: 'chat.completion.chunk', created, model, system_fingerprint: 'fp_bench',
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
});

function renderStream(withUsage) {
  const frames = [chunkFrame({ role: 'assistant', content: '' }, null)];
  for (let i = 0; i < contentChunks; i++) frames.push(chunkFrame({ content: `word${i} ` }, null));
  frames.push(chunkFrame({}, 'stop'));
  if (withUsage) {
    frames.push(frame({
      id, object: 'chat.completion.chunk', created, model, system_fingerprint: 'fp_bench', choices: [],
      usage: { prompt_tokens: 14, completion_tokens: contentChunks, total_tokens: 14 + contentChunks },
    }));
  }
  frames.push('data: [DONE]\n\n');
  return Buffer.from(frames.join(''));
}
const streamPlain = renderStream(false);
const streamWithUsage = renderStream(true);
const modelList = Buffer.from(JSON.stringify({ object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created, owned_by: 'bench' }] }));
const notFound = Buffer.from(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error', code: null, param: null } }));

const bigChunks = Number(process.env.BIG_CHUNKS || 20000);
const bigFrame = Buffer.from(chunkFrame({ content: 'x'.repeat(1000) }, null));
const streamHead = Buffer.from(chunkFrame({ role: 'assistant', content: '' }, null));
const streamTail = Buffer.from(chunkFrame({}, 'stop') + 'data: [DONE]\n\n');
const holdFirst = Buffer.from(chunkFrame({ role: 'assistant', content: '' }, null) + chunkFrame({ content: 'Hello' }, null));
const BIG = /"user"\s*:\s*"bench-big-stream"/;
const HOLD = /"user"\s*:\s*"bench-hold-([A-Za-z0-9-]+)"/;
const closed = new Map();   // hold id -> true once its connection closed
const waiting = new Map();  // hold id -> long-poll response waiting for that close

// Written BIG_BLOCK frames per write: the same bytes, but one write per 1,000 frames written singly
// took node's one thread ~20 s when 1,000 slow readers arrived (each connection's kernel send buffer
// grows to ~1.5 MB before 'drain' stops coming), during which the mock answered no other request.
const bigBlockFrames = Number(process.env.BIG_BLOCK || 64);
const bigBlock = Buffer.concat(Array(bigBlockFrames).fill(bigFrame));

function bigStream(res) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.write(streamHead);
  let sent = 0;
  const pump = () => {
    while (sent < bigChunks) {
      const n = Math.min(bigBlockFrames, bigChunks - sent);
      sent += n;
      if (!res.write(n === bigBlockFrames ? bigBlock : bigBlock.subarray(0, n * bigFrame.length))) { res.once('drain', pump); return; }
    }
    res.end(streamTail);
  };
  res.on('close', () => { sent = bigChunks; res.removeAllListeners('drain'); });
  pump();
}

function hold(res, id) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.write(holdFirst);
  res.on('close', () => {
    const poll = waiting.get(id);
    if (poll) { waiting.delete(id); reply(poll, 200, 'application/json', Buffer.from('{"closed":true}')); } else closed.set(id, true);
  });
}

function closes(res, id) {
  if (closed.delete(id)) return reply(res, 200, 'application/json', Buffer.from('{"closed":true}'));
  waiting.set(id, res);
}

const STREAM_TRUE = /"stream"\s*:\s*true/;
const INCLUDE_USAGE = /"include_usage"\s*:\s*true/;

function reply(res, status, type, body) {
  res.writeHead(status, { 'content-type': type, 'content-length': body.length });
  res.end(body);
}

function chat(req, res) {
  const parts = [];
  req.on('data', (part) => parts.push(part));
  req.on('end', () => {
    const body = (parts.length === 1 ? parts[0] : Buffer.concat(parts)).toString('latin1');
    if (!STREAM_TRUE.test(body)) return reply(res, 200, 'application/json', completion);
    if (BIG.test(body)) return bigStream(res);
    const held = HOLD.exec(body);
    if (held) return hold(res, held[1]);
    const sse = INCLUDE_USAGE.test(body) ? streamWithUsage : streamPlain;
    // no content-length: a real upstream streams chunked
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.end(sse);
  });
}

const server = http.createServer((req, res) => {
  const path = req.url.split('?')[0];
  if (req.method === 'POST' && (path === '/v1/chat/completions' || path === '/chat/completions')) return chat(req, res);
  req.resume();
  if (req.method === 'GET' && (path === '/v1/models' || path === '/models')) return reply(res, 200, 'application/json', modelList);
  if (path === '/health') return reply(res, 200, 'application/json', Buffer.from('{"status":"ok"}'));
  if (req.method === 'GET' && path.startsWith('/closes/')) return closes(res, path.slice('/closes/'.length));
  reply(res, 404, 'application/json', notFound);
});
server.keepAliveTimeout = 300_000;
server.headersTimeout = 301_000;
// 1,000 slow readers open 1,000 upstream connections at once: node's default backlog (511) overflowed
// ('Possible SYN flooding' in dmesg), the router saw connection resets and its breaker opened
server.listen({ port, host, backlog: 4096 }, () => {
  console.log(`mock upstream pid=${process.pid} http://${host}:${port} completion=${completion.length}B ` +
    `stream=${streamPlain.length}B (${contentChunks} content chunks), with usage ${streamWithUsage.length}B`);
});
function stop() {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 500).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
