// Switchboard dashboard: plain JS over the admin API. The admin key lives in sessionStorage only.
'use strict';

const KEY_ITEM = 'switchboard.admin-key';
const params = new URLSearchParams(location.search);
const REFRESH_MS = Math.max(500, Number(params.get('refresh')) || 2000);
const RETRY_MS = 3000;
const MAX_DECISIONS = 200;
const MAX_SAMPLES = 300;
const COLORS = ['#2f5bea', '#e4572e', '#17a398', '#f3a712', '#8f3985', '#4c9f38', '#d7263d', '#1b998b', '#6c757d', '#ff6f59'];

const $ = id => document.getElementById(id);
const state = { key: null, timer: null, stream: null, history: [], seen: new Set(), lastTotals: null, polling: false };

class Unauthorized extends Error {}
class Unreachable extends Error {}

// ---------- HTTP ----------

async function api(path, options = {}) {
  const headers = Object.assign({ 'authorization': 'Bearer ' + state.key }, options.headers || {});
  let response;
  try {
    response = await fetch(path, Object.assign({}, options, { headers, cache: 'no-store' }));
  } catch (e) {
    throw new Unreachable('the router did not answer (' + e.message + ')');
  }
  const body = await response.json().catch(() => null);
  if (response.status === 401) {
    throw new Unauthorized(errorText(body) || 'the admin key was not accepted');
  }
  if (!response.ok) {
    const e = new Error(errorText(body) || ('HTTP ' + response.status));
    e.status = response.status;
    throw e;
  }
  return body;
}

function errorText(body) {
  return body && body.error && body.error.message;
}

// ---------- login ----------

async function signIn(key) {
  state.key = key;
  try {
    await api('/circuit-breakers');
  } catch (e) {
    state.key = null;
    if (e instanceof Unauthorized) {
      showLoginError('Wrong admin key: ' + e.message);
    } else {
      showLoginError('Cannot sign in: ' + e.message);
    }
    return false;
  }
  sessionStorage.setItem(KEY_ITEM, key);
  $('login').hidden = true;
  $('login-error').hidden = true;
  $('app').hidden = false;
  $('logout').hidden = false;
  start();
  return true;
}

function showLoginError(text) {
  $('login-error').textContent = text;
  $('login-error').hidden = false;
  $('app').hidden = true;
  $('login').hidden = false;
}

function signOut(message) {
  stop();
  sessionStorage.removeItem(KEY_ITEM);
  state.key = null;
  $('app').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  $('login-key').value = '';
  clearData();
  if (message) {
    showLoginError(message);
  }
}

function clearData() {
  for (const id of ['nodes', 'breaker-table', 'decision-table', 'quality-table']) {
    $(id).querySelector('tbody').replaceChildren();
  }
  $('chart').replaceChildren();
  $('legend').replaceChildren();
  state.history = [];
  state.seen = new Set();
  state.lastTotals = null;
}

// ---------- polling ----------

function start() {
  $('decision-cap').textContent = MAX_DECISIONS;
  loadRoutes();
  poll();
  state.timer = setInterval(poll, REFRESH_MS);
  startStream();
}

function stop() {
  clearInterval(state.timer);
  state.timer = null;
  if (state.stream) {
    state.stream.abort();
    state.stream = null;
  }
}

async function poll() {
  if (state.polling || !state.key) {
    return;
  }
  state.polling = true;
  try {
    const [stats, breakers, health] = await Promise.all([api('/v1/stats?scope=cluster'), api('/circuit-breakers'), api('/health')]);
    setBanner(null);
    renderCluster(stats, health);
    renderBreakers(stats, breakers.breakers);
    sample(stats);
    renderChart();
    renderQuality(stats);
  } catch (e) {
    failed(e);
  } finally {
    state.polling = false;
  }
}

function failed(e) {
  if (e instanceof Unauthorized) {
    signOut('Signed out: ' + e.message);
  } else if (e instanceof Unreachable) {
    setBanner('Router unreachable: ' + e.message + '. Retrying every ' + (REFRESH_MS / 1000) + ' s…');
  } else {
    setBanner('The router answered an error: ' + e.message + '. Retrying…', 'warn');
  }
}

function setBanner(text, kind) {
  const b = $('banner');
  b.hidden = !text;
  b.textContent = text || '';
  b.className = 'banner' + (kind ? ' ' + kind : '');
  $('app').classList.toggle('stale', !!text);   // the figures shown are the last ones read
}

// ---------- cluster and breakers ----------

function renderCluster(stats, health) {
  $('node-info').textContent = 'version ' + health.version + ' · ' + health.models + ' models · ' + health.routes + ' routes';
  const now = Date.now();
  const previous = state.lastTotals;
  state.lastTotals = { at: now, nodes: {} };
  const rows = (stats.nodes || []).map(n => {
    const total = n.total || {};
    state.lastTotals.nodes[n.id] = total.requests || 0;
    const before = previous && previous.nodes[n.id];
    const rate = before === undefined ? '–' : (((total.requests || 0) - before) * 1000 / (now - previous.at)).toFixed(2);
    const open = Object.entries(n.breakers || {}).filter(([, s]) => s !== 'closed').map(([m, s]) => m + ' (' + s + ')');
    return row([short(n.id), n.http_port, time(n.since), total.requests, rate,
      total.success_rate == null ? '–' : (total.success_rate * 100).toFixed(1) + '%',
      total.p95_latency_ms == null ? '–' : total.p95_latency_ms, open.length ? open.join(', ') : 'none']);
  });
  $('nodes').querySelector('tbody').replaceChildren(...rows);
  const unreachable = stats.unreachable || [];
  $('unreachable').hidden = unreachable.length === 0;
  $('unreachable').textContent = 'Not answering: ' + unreachable.map(short).join(', ');
}

function renderBreakers(stats, local) {
  const nodes = stats.nodes || [];
  const rows = local.map(b => {
    const states = nodes.map(n => (n.breakers || {})[b.model]).filter(Boolean);
    const worst = states.includes('open') ? 'open' : states.includes('half_open') ? 'half_open' : b.state;
    const spread = nodes.length > 1 ? ' on ' + states.filter(s => s === worst).length + '/' + nodes.length + ' nodes' : '';
    const tr = row([b.model, null, b.failures, b.reopens_at ? time(b.reopens_at) : '–', null]);
    tr.dataset.model = b.model;
    tr.dataset.state = worst;
    tr.children[1].append(pill(worst.replace('_', '-') + spread, 'state-' + worst));
    const reset = document.createElement('button');
    reset.type = 'button';
    reset.className = 'secondary small reset';
    reset.textContent = 'Reset';
    reset.disabled = worst === 'closed';
    reset.addEventListener('click', () => resetBreaker(b.model));
    tr.children[4].append(reset);
    return tr;
  });
  $('breaker-table').querySelector('tbody').replaceChildren(...rows);
}

async function resetBreaker(model) {
  try {
    await api(model ? '/circuit-breaker/reset/' + encodeURIComponent(model) : '/circuit-breaker/reset-all', { method: 'POST' });
    await poll();
  } catch (e) {
    failed(e);
  }
}

// ---------- spend chart ----------

function sample(stats) {
  const point = { t: Date.now(), models: stats.models || {}, routes: stats.routes || {}, keys: stats.keys || {} };
  state.history.push(point);
  if (state.history.length > MAX_SAMPLES) {
    state.history.shift();
  }
}

function measure(figures, what) {
  if (!figures) {
    return 0;
  }
  return what === 'tokens' ? (figures.input_tokens || 0) + (figures.output_tokens || 0) : (figures[what] || 0);
}

function renderChart() {
  const by = $('chart-by').value;
  const what = $('chart-measure').value;
  const history = state.history;
  const names = [...new Set(history.flatMap(p => Object.keys(p[by])))]
    .filter(n => history.some(p => measure(p[by][n], what) > 0)).sort();
  const chart = $('chart');
  const legend = $('legend');
  if (history.length === 0 || names.length === 0) {
    chart.replaceChildren();
    legend.replaceChildren();
    $('chart-note').textContent = 'nothing yet: figures appear with the first request';
    return;
  }
  $('chart-note').textContent = 'totals since each node started, sampled every ' + (REFRESH_MS / 1000) + ' s';
  const w = Math.max(chart.clientWidth, 200), h = Math.max(chart.clientHeight, 120), left = 70, right = 10, top = 10, bottom = 24;
  const t0 = history[0].t, t1 = Math.max(history[history.length - 1].t, t0 + 1);
  const max = Math.max(...history.flatMap(p => names.map(n => measure(p[by][n], what))), 1e-12);
  const x = t => left + (t - t0) / (t1 - t0) * (w - left - right);
  const y = v => top + (1 - v / max) * (h - top - bottom);
  const svg = svgEl('svg', { viewBox: '0 0 ' + w + ' ' + h, role: 'img', 'aria-label': what + ' by ' + by });
  svg.append(svgEl('line', { class: 'axis', x1: left, y1: top, x2: left, y2: h - bottom }),
    svgEl('line', { class: 'axis', x1: left, y1: h - bottom, x2: w - right, y2: h - bottom }),
    svgText(left - 6, top + 10, fmt(max, what), 'end'), svgText(left - 6, h - bottom, '0', 'end'),
    svgText(left, h - 6, clock(t0), 'start'), svgText(w - right, h - 6, clock(t1), 'end'));
  legend.replaceChildren();
  names.forEach((name, i) => {
    const color = COLORS[i % COLORS.length];
    const points = history.map(p => x(p.t).toFixed(1) + ',' + y(measure(p[by][name], what)).toFixed(1)).join(' ');
    svg.append(svgEl('polyline', { points, fill: 'none', stroke: color, 'stroke-width': 2 }));
    const li = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = color;
    li.append(swatch, name + ': ' + fmt(measure(history[history.length - 1][by][name], what), what));
    legend.append(li);
  });
  chart.replaceChildren(svg);
}

function fmt(v, what) {
  return what === 'cost_usd' ? '$' + (v < 0.01 ? v.toPrecision(3) : v.toFixed(4)) : String(Math.round(v));
}

function svgEl(name, attrs) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', name);
  for (const [k, v] of Object.entries(attrs)) {
    e.setAttribute(k, v);
  }
  return e;
}

function svgText(x, y, text, anchor) {
  const t = svgEl('text', { x, y, 'text-anchor': anchor });
  t.textContent = text;
  return t;
}

// ---------- feedback / quality: the A/B table of /v1/stats (hidden until the first rating) ----------

function renderQuality(stats) {
  const rows = (stats.feedback && stats.feedback.rows) || [];
  $('quality').hidden = !rows.some(r => r.ratings > 0); // shown once something was rated
  $('quality-table').querySelector('tbody').replaceChildren(...rows.map(r => row([r.route, r.category != null ? r.category : r.tier, r.arm, r.model,
    r.requests, r.mean_cost_usd, r.mean_latency_ms, r.ratings, r.mean_score, r.thumbs_up, r.thumbs_down])));
}

// ---------- live decision stream ----------

async function startStream() {
  const controller = new AbortController();
  state.stream = controller;
  try {
    const recent = await api('/v1/decisions?limit=50');
    recent.data.slice().reverse().forEach(addDecision);
    const response = await fetch('/v1/decisions/stream', { headers: { 'authorization': 'Bearer ' + state.key }, signal: controller.signal });
    if (response.status === 401) {
      throw new Unauthorized('the admin key was not accepted');
    }
    if (!response.ok) {
      throw new Error('HTTP ' + response.status);
    }
    setStream('live', 'live');
    await readEvents(response.body.getReader());
    setStream('reconnecting', 'down');
  } catch (e) {
    if (controller.signal.aborted) {
      return;
    }
    if (e instanceof Unauthorized) {
      signOut('Signed out: ' + e.message);
      return;
    }
    setStream('disconnected, retrying', 'down');
  }
  if (state.stream === controller) {
    setTimeout(() => {
      if (state.stream === controller && state.key) {
        startStream();
      }
    }, RETRY_MS);
  }
}

async function readEvents(reader) {
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = (block.match(/^event: (.*)$/m) || [])[1];
      const data = block.split('\n').filter(l => l.startsWith('data: ')).map(l => l.slice(6)).join('\n');
      if (event === 'decision') {
        addDecision(JSON.parse(data));
      } else if (event === 'dropped') {
        setStream('too slow: dropped by the router, reconnecting', 'down');
      }
    }
  }
}

function setStream(text, kind) {
  const s = $('stream-status');
  s.textContent = text;
  s.className = 'pill ' + kind;
}

function addDecision(d) {
  if (d.request_id && state.seen.has(d.request_id)) {
    return;
  }
  state.seen.add(d.request_id);
  const attempts = (d.attempts || []).map(a => a.model + ' ' + a.outcome + (a.status ? ' ' + a.status : '')).join(' → ');
  const tr = row([clock(Date.parse(d.time)), d.key_name || '–', d.route || '(direct)', d.model || '–', d.reason || '', attempts,
    d.latency_ms, d.status]);
  tr.children[4].className = 'reason';
  tr.children[7].className = d.status >= 400 ? 'status-bad' : 'status-ok';
  const body = $('decision-table').querySelector('tbody');
  body.prepend(tr);
  while (body.children.length > MAX_DECISIONS) {
    const last = body.lastElementChild;
    state.seen.delete(last.dataset.id);
    last.remove();
  }
  tr.dataset.id = d.request_id;
}

// ---------- playground ----------

async function loadRoutes() {
  try {
    const config = await api('/config');
    const routes = Object.keys((config.config && config.config.routes) || {});
    const stats = await api('/v1/stats');
    const list = $('pg-models');
    list.replaceChildren(...routes.concat(Object.keys(stats.models || {})).map(n => {
      const o = document.createElement('option');
      o.value = n;
      return o;
    }));
    if (!$('pg-model').value && routes.length) {
      $('pg-model').value = routes[0];
    }
  } catch (e) {
    failed(e);
  }
}

async function runPlayground(event) {
  event.preventDefault();
  const out = $('pg-result');
  out.hidden = false;
  out.replaceChildren(text('p', 'routing…', 'muted'));
  const key = $('pg-key').value.trim();
  const headers = { 'content-type': 'application/json' };
  if (key) {
    headers.authorization = 'Bearer ' + key;
  }
  let response, body;
  try {
    response = await fetch('/v1/route', { method: 'POST', headers, body: JSON.stringify({
      model: $('pg-model').value.trim(), messages: [{ role: 'user', content: $('pg-prompt').value }] }) });
    body = await response.json().catch(() => null);
  } catch (e) {
    out.replaceChildren(text('p', 'Router unreachable: ' + e.message, 'error'));
    return;
  }
  if (!response.ok) {
    out.replaceChildren(text('p', 'Not routed (' + response.status + '): ' + (errorText(body) || 'no error message'), 'error'));
    return;
  }
  const dl = document.createElement('dl');
  const add = (k, v) => dl.append(text('dt', k), text('dd', v == null ? '–' : String(v)));
  add('route', body.route);
  add('router', body.router);
  add('model', body.model);
  add('reason', body.reason);
  add('candidates', (body.candidates || []).map(c => c.model + (c.estimated_cost_usd != null ? ' ($' + c.estimated_cost_usd + ')' : '')).join(' → '));
  add('rejected', (body.rejected || []).map(r => r.model + ': ' + r.reason).join('; ') || 'none');
  add('labels', Object.entries(body.labels || {}).map(([k, v]) => k + '=' + v).join(', ') || 'none');
  out.replaceChildren(dl, text('pre', JSON.stringify(body, null, 2)));
  out.querySelector('dd:nth-of-type(3)').id = 'pg-chosen';
}

// ---------- helpers ----------

function row(cells) {
  const tr = document.createElement('tr');
  for (const c of cells) {
    const td = document.createElement('td');
    td.textContent = c == null ? '' : String(c);
    tr.append(td);
  }
  return tr;
}

function text(tag, content, className) {
  const e = document.createElement(tag);
  e.textContent = content;
  if (className) {
    e.className = className;
  }
  return e;
}

function pill(content, className) {
  return text('span', content, 'pill ' + className);
}

function short(id) {
  return String(id).slice(0, 8);
}

function time(iso) {
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : d.toLocaleString();
}

function clock(ms) {
  return new Date(ms).toLocaleTimeString();
}

// ---------- wiring ----------

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', e => {
    e.preventDefault();
    const key = $('login-key').value.trim();
    if (!key) {
      showLoginError('Enter the admin key.');
      return;
    }
    signIn(key);
  });
  $('logout').addEventListener('click', () => signOut());
  $('reset-all').addEventListener('click', () => resetBreaker(null));
  $('chart-by').addEventListener('change', renderChart);
  $('chart-measure').addEventListener('change', renderChart);
  window.addEventListener('resize', renderChart);
  $('pg-form').addEventListener('submit', runPlayground);
  const saved = sessionStorage.getItem(KEY_ITEM);
  if (saved) {
    signIn(saved);
  }
});
