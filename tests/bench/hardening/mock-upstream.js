// A minimal OpenAI Chat Completions upstream for the hardening run: a JSON answer after DELAY_MS, or an SSE
// stream of 10 chunks (one every DELAY_MS / 10), in OpenAI's wire format. Never echoes the request headers.
'use strict';
const http = require('http');

function start(delayMs) {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      let json = {};
      try { json = JSON.parse(body); } catch (e) { /* the router only forwards valid JSON */ }
      const model = typeof json.model === 'string' ? json.model : 'mock';
      const base = { id: 'chatcmpl-mock', created: 1700000000, model };
      if (json.stream === true) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const send = (obj) => res.write('data: ' + JSON.stringify(obj) + '\n\n');
        send({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
        let i = 0;
        const t = setInterval(() => {
          if (res.destroyed) { clearInterval(t); return; }
          if (i < 10) {
            send({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: 'w' + i + ' ' }, finish_reason: null }] });
            i++;
          } else {
            clearInterval(t);
            send({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
            if (json.stream_options && json.stream_options.include_usage) {
              send({ ...base, object: 'chat.completion.chunk', choices: [], usage: { prompt_tokens: 9, completion_tokens: 10, total_tokens: 19 } });
            }
            res.end('data: [DONE]\n\n');
          }
        }, Math.max(1, Math.round(delayMs / 10)));
        return;
      }
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10 } }));
      }, delayMs);
    });
  });
  server.keepAliveTimeout = 60000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

module.exports = { start };
