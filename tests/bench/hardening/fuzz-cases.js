// Generates raw HTTP/1.x requests, well-formed and not: random or malformed request lines, headers,
// framing, bodies and JSON. Seeded, so a run can be repeated case for case.
'use strict';

function rng(seed) { // mulberry32
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PATHS = ['/v1/chat/completions', '/chat/completions', '/v1/route', '/v1/models', '/models', '/health', '/health/live',
  '/health/ready', '/metrics', '/v1/stats', '/v1/decisions', '/config', '/providers', '/circuit-breakers',
  '/circuit-breaker/reset/m', '/v1/models/refresh', '/config/category', '/nope', '/', '*'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'PRI', 'get', 'P0ST', 'GE T', ''];
const VERSIONS = ['HTTP/1.1', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9', 'HTTP/1.1x', 'http/1.1', 'HTTP/9.9', ''];
const ODD = ['\u0000', '\u0007', '\r', '\n', '\t', ' ', '%00', '%', '%zz', '..', '/../../etc/passwd', '\u00ff', '\u00e9', '"', '\\', '{', '<script>',
  '${jndi:ldap://x}', '\u2028'];

function generator(seed) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const int = (n) => Math.floor(r() * n);
  const str = (n, alphabet) => {
    let s = '';
    for (let i = 0; i < n; i++) {
      s += alphabet ? alphabet[int(alphabet.length)] : String.fromCharCode(int(256));
    }
    return s;
  };
  const token = () => str(1 + int(12), 'abcdefghijklmnopqrstuvwxyz-ABCXYZ0123456789');

  function validChat() {
    const msg = { role: pick(['user', 'system', 'assistant', 'user']), content: pick(['hi', 'hello there', 'x'.repeat(int(3000)), '']) };
    const body = { model: pick(['m', 'm', 'auto', 'no-such-model', '']), messages: [msg] };
    if (r() < 0.3) body.stream = true;
    if (r() < 0.2) body.max_tokens = pick([1, 16, 4096, -1, 0, 1e12, 1.5, '10', null]);
    if (r() < 0.2) body.temperature = pick([0, 1, 2, 3, -1, 'hot', null]);
    if (r() < 0.1) body.tools = pick([[], [{ type: 'function', function: { name: 'f', parameters: {} } }], 'x', [1]]);
    if (r() < 0.1) body.stream_options = pick([{ include_usage: true }, 'x', null]);
    if (r() < 0.1) body.response_format = pick([{ type: 'json_object' }, { type: 'nope' }, 5]);
    return body;
  }

  function mutateJson(obj) {
    const ops = [
      () => JSON.stringify(obj).slice(0, int(JSON.stringify(obj).length)),               // truncated
      () => JSON.stringify(obj).replace(/"/g, pick(['\'', '', '""'])),                   // broken quoting
      () => { obj[token()] = pick([null, 1, 'x', [], {}, true]); return JSON.stringify(obj); },
      () => { delete obj[pick(Object.keys(obj))]; return JSON.stringify(obj); },
      () => { obj[pick(Object.keys(obj))] = pick([null, 1, -1, 1e308, 'x', [], {}, true, [null]]); return JSON.stringify(obj); },
      () => { obj.messages = pick([[], null, 'hi', [null], [{}], [{ role: 'user' }], [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:x' } }] }],
        [{ role: 'user', content: [{ type: 'text' }] }], [{ role: 'tool', content: 'x' }]]); return JSON.stringify(obj); },
      () => '['.repeat(1 + int(5000)) + ']'.repeat(int(5000)),                           // deep nesting
      () => '{"a":' + '{"a":'.repeat(int(3000)) + '1' + '}'.repeat(int(3000)) + '}',
      () => JSON.stringify(obj).replace('hi', str(int(40))),                               // raw bytes in strings
      () => pick(['', 'null', 'true', '1', '"x"', '[]', '{}', '{"model":"m"}', '\u00ff\u00fe', 'model=m&messages=x']),
      () => JSON.stringify(obj) + str(int(20)),
      () => JSON.stringify(obj).replace(/:/, ':' + ' '.repeat(int(100000))),
    ];
    return pick(ops)();
  }

  function body() {
    const k = r();
    if (k < 0.45) return JSON.stringify(validChat());
    if (k < 0.85) return mutateJson(validChat());
    if (k < 0.99) return str(int(2000));
    if (k < 0.995) return 'x'.repeat(70000 + int(1000000));
    return 'x'.repeat(8.5 * 1024 * 1024); // past the default max-body-bytes
  }

  function requestLine() {
    const k = r();
    const path = pick(PATHS);
    if (k < 0.6) return pick(['POST', 'POST', 'GET']) + ' ' + path + ' HTTP/1.1';
    if (k < 0.75) return pick(METHODS) + ' ' + path + (r() < 0.5 ? pick(ODD) : '') + ' ' + pick(VERSIONS);
    if (k < 0.82) return 'GET /' + 'a'.repeat(3000 + int(10000)) + ' HTTP/1.1';                  // URI too long
    if (k < 0.9) return pick(METHODS) + pick([' ', '  ', '\t', '']) + path + pick([' ', '']) + pick(VERSIONS) + pick(['', ' ', ' x']);
    if (k < 0.95) return path + '?' + token() + '=' + pick(ODD) + ' HTTP/1.1';
    return str(1 + int(200));                                                                       // garbage
  }

  function headers(bodyLen, method) {
    const h = [];
    if (r() < 0.95) h.push('Host: ' + pick(['127.0.0.1', 'x', '', 'a b', str(int(30))]));
    const ct = r();
    if (ct < 0.8) h.push('Content-Type: application/json');
    else if (ct < 0.9) h.push('Content-Type: ' + pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '',
      'application/json; charset=' + token()]));
    const fr = r();
    let chunked = false;
    if (fr < 0.75) h.push('Content-Length: ' + bodyLen);
    else if (fr < 0.8) h.push('Content-Length: ' + pick([bodyLen + 1 + int(100), Math.max(0, bodyLen - 1 - int(100)), -1, 'abc', '1e3', ' ' + bodyLen, bodyLen + ', ' + bodyLen]));
    else if (fr < 0.85) { h.push('Content-Length: ' + bodyLen); h.push('Content-Length: ' + (bodyLen + 1)); }
    else if (fr < 0.92) { h.push('Transfer-Encoding: ' + pick(['chunked', 'chunked', 'gzip, chunked', 'identity', 'xchunked', 'chunked, chunked'])); chunked = true; }
    else if (fr < 0.95) { h.push('Content-Length: ' + bodyLen); h.push('Transfer-Encoding: chunked'); chunked = true; }
    const n = int(6);
    for (let i = 0; i < n; i++) {
      const k = r();
      if (k < 0.5) h.push(token() + ': ' + token());
      else if (k < 0.6) h.push(token() + ' : ' + token());
      else if (k < 0.7) h.push(token() + str(int(5)));                       // no colon, raw bytes
      else if (k < 0.75) h.push('X-Big: ' + 'b'.repeat(7000 + int(10000)));   // over the header limit
      else if (k < 0.8) h.push(pick(['Expect: 100-continue', 'Connection: close', 'Connection: keep-alive', 'Upgrade: h2c', 'Upgrade: websocket',
        'Authorization: Bearer ' + token(), 'Authorization: ' + str(int(40)), 'Accept-Encoding: gzip', 'X-Request-Id: ' + str(int(300))]));
      else if (k < 0.85) h.push(' folded: ' + token());                      // obsolete line folding
      else h.push(token() + ': ' + pick(ODD) + token());
    }
    return { lines: h, chunked };
  }

  function chunk(bodyText) {
    if (r() < 0.7) return bodyText.length.toString(16) + '\r\n' + bodyText + '\r\n0\r\n\r\n';
    return pick(['zz\r\n' + bodyText + '\r\n0\r\n\r\n', bodyText.length.toString(16) + '\r\n' + bodyText, 'ffffffffffffffff\r\nx\r\n0\r\n\r\n',
      '5;ext=1\r\nhello\r\n0\r\nTrailer: x\r\n\r\n', '-1\r\n\r\n']);
  }

  /** The next case: {bytes (Buffer, latin1), method}. */
  return function next() {
    const line = requestLine();
    const method = line.split(' ')[0];
    const b = method === 'GET' || method === 'HEAD' ? (r() < 0.9 ? '' : body()) : body();
    const { lines, chunked } = headers(Buffer.byteLength(b, 'latin1'), method);
    const eol = r() < 0.95 ? '\r\n' : pick(['\n', '\r', '\r\r\n']);
    const text = line + eol + lines.join(eol) + (lines.length ? eol : '') + eol + (chunked ? chunk(b) : b);
    // HEAD answers carry no body; the server splits the request line on spaces and tabs
    return { bytes: Buffer.from(text, 'latin1'), method, head: /^HEAD[ \t]/.test(line) };
  };
}

module.exports = { generator };
