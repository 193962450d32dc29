// Drives the /ui dashboard in headless Chromium against a running router (started by DashboardBrowserTest).
// Env: SB_URL (router base URL), SB_ADMIN_KEY, SB_CLIENT_KEY, SB_OUT (screenshot directory), SB_CHROMIUM.
// Protocol with the Java test on stdout/stdin: prints "STOP_ROUTER" and waits for a line "stopped", then
// "START_ROUTER" (the same config on the same port) and waits for "started".
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const url = process.env.SB_URL;
const adminKey = process.env.SB_ADMIN_KEY;
const clientKey = process.env.SB_CLIENT_KEY;
const out = process.env.SB_OUT;
mkdirSync(out, { recursive: true });
const stdin = createInterface({ input: process.stdin });
const lines = [];
let waiting = null;
stdin.on('line', l => { lines.push(l); if (waiting) { waiting(); } });
const nextLine = () => new Promise(resolve => {
  if (lines.length) { resolve(lines.shift()); return; }
  waiting = () => { waiting = null; resolve(lines.shift()); };
});

function check(condition, message) {
  if (!condition) {
    throw new Error('FAILED: ' + message);
  }
  console.log('ok - ' + message);
}

async function chat(model, text) {
  const r = await fetch(url + '/v1/chat/completions', { method: 'POST',
    headers: { 'content-type': 'application/json', 'authorization': 'Bearer ' + clientKey },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: text }] }) });
  await r.text();
  return { status: r.status, id: r.headers.get('x-request-id'), model: r.headers.get('x-switchboard-model') };
}

// a fresh profile directory per run (Playwright passes it as --user-data-dir)
const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'sb-chromium-')), {
  executablePath: process.env.SB_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const errors = [];
try {
  const page = browser.pages()[0] || await browser.newPage();
  page.setDefaultTimeout(20000);
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') { console.log('browser console: ' + m.text()); } });

  await page.goto(url + '/ui');
  check(new URL(page.url()).pathname === '/ui/', '/ui redirects to /ui/');
  await page.locator('#login-key').waitFor();
  check(await page.locator('#app').isHidden(), 'nothing but the login form before signing in');

  // wrong key: a clear message and no data
  await page.fill('#login-key', 'not-the-admin-key');
  await page.click('#login-submit');
  await page.locator('#login-error').waitFor();
  const wrong = await page.textContent('#login-error');
  check(/wrong admin key/i.test(wrong), 'a wrong key says so: "' + wrong + '"');
  check(await page.locator('#app').isHidden(), 'a wrong key shows no data');
  check(await page.locator('#breaker-table tbody tr').count() === 0, 'a wrong key loads no breaker rows');
  check(await page.evaluate(() => sessionStorage.length + localStorage.length) === 0, 'a wrong key is not stored');
  await page.screenshot({ path: join(out, 'login-wrong-key.png') });

  // the right key
  await page.fill('#login-key', adminKey);
  await page.click('#login-submit');
  await page.locator('#app').waitFor();
  await page.locator('#nodes tbody tr').first().waitFor();
  check(await page.evaluate(k => sessionStorage.getItem('switchboard.admin-key') === k && localStorage.length === 0, adminKey),
    'the admin key is kept in sessionStorage only');
  const nodeRow = await page.textContent('#nodes tbody tr');
  check(/none/.test(nodeRow), 'the cluster table lists this node with no open breaker: ' + nodeRow.trim());
  await page.waitForFunction(() => document.querySelector('#stream-status').textContent === 'live');
  check(true, 'the decision stream is live');

  // a decision appears in the live stream
  const served = await chat('auto', 'hello from the browser test');
  check(served.status === 200 && served.id, 'a chat through route auto is served (' + served.id + ')');
  const decision = page.locator(`#decision-table tbody tr[data-id="${served.id}"]`);
  await decision.waitFor();
  const decisionText = await decision.textContent();
  check(decisionText.includes('auto') && decisionText.includes('ok-a') && decisionText.includes('team'),
    'the decision row shows route, model and key: ' + decisionText);

  // injected upstream failures open flaky-a's breaker; the request falls back to ok-b
  for (let i = 0; i < 3; i++) {
    const r = await chat('flaky', 'please fail ' + i);
    check(r.status === 200 && r.model === 'ok-b', 'flaky falls back to ok-b (attempt ' + i + ')');
  }
  const flakyRow = page.locator('#breaker-table tbody tr[data-model="flaky-a"]');
  await page.locator('#breaker-table tbody tr[data-model="flaky-a"][data-state="open"]').waitFor();
  check(/open/.test(await flakyRow.textContent()), 'the flaky-a breaker shows open');
  await page.waitForFunction(() => /flaky-a \(open\)/.test(document.querySelector('#nodes tbody').textContent));
  check(true, 'the cluster table lists flaky-a as open on the node');
  const fellBack = await page.locator('#decision-table tbody tr', { hasText: 'flaky-a upstream' }).first().textContent();
  check(/flaky-a upstream_5xx 500 → ok-b ok 200/.test(fellBack), 'the stream shows the attempts: ' + fellBack);
  await page.locator('#chart svg polyline').first().waitFor();
  check(await page.locator('#legend li').count() >= 2, 'the spend chart has a line per model');
  await page.selectOption('#chart-by', 'keys');
  check(/team: \$/.test(await page.textContent('#legend')), 'the spend chart by key shows the team key');
  await page.selectOption('#chart-by', 'models');
  await page.screenshot({ path: join(out, 'dashboard-desktop.png'), fullPage: true });

  // reset it from the page
  await flakyRow.locator('button.reset').click();
  await page.locator('#breaker-table tbody tr[data-model="flaky-a"][data-state="closed"]').waitFor();
  check(true, 'reset closes the flaky-a breaker');
  const api = await fetch(url + '/circuit-breakers', { headers: { authorization: 'Bearer ' + adminKey } }).then(r => r.json());
  check(api.breakers.find(b => b.model === 'flaky-a').state === 'closed', 'the admin API agrees the breaker is closed');

  // the playground
  await page.fill('#pg-model', 'flaky');
  await page.fill('#pg-prompt', 'Which model would answer this?');
  await page.fill('#pg-key', clientKey);
  await page.click('#pg-submit');
  await page.locator('#pg-chosen').waitFor();
  check(await page.textContent('#pg-chosen') === 'flaky-a', 'the playground shows the decision: flaky-a first');
  check(/flaky-a \(\$[0-9.e-]+\) → ok-b/.test(await page.textContent('#pg-result')), 'the playground lists the candidates in order');
  await page.fill('#pg-key', '');
  await page.click('#pg-submit');
  await page.waitForFunction(() => /Not routed \(401\)/.test(document.querySelector('#pg-result').textContent));
  check(true, 'the playground without a client key shows the 401 message');
  await page.fill('#pg-key', clientKey);
  await page.click('#pg-submit');
  await page.locator('#pg-chosen').waitFor();
  check(await page.locator('#quality').isHidden(), 'no feedback/quality section while the stats carry none');

  // phone width
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  check(overflow <= 390, 'no sideways scrolling at 390 px (page width ' + overflow + ')');
  await page.screenshot({ path: join(out, 'dashboard-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // a huge stream stays bounded in the page
  const ids = [];
  for (let batch = 0; batch < 25; batch++) {
    const rs = await Promise.all(Array.from({ length: 10 }, (_, i) => chat('auto', 'burst ' + batch + '.' + i)));
    rs.forEach(r => ids.push(r.id));
  }
  check(ids.length === 250, 'sent 250 more requests');
  await page.waitForFunction(last => !!document.querySelector(`#decision-table tbody tr[data-id="${last}"]`), ids[ids.length - 1]);
  const rows = await page.locator('#decision-table tbody tr').count();
  check(rows === 200, 'the page keeps the last 200 decisions (' + rows + ' rows)');

  // router down: the page says so and keeps retrying
  console.log('STOP_ROUTER');
  check((await nextLine()) === 'stopped', 'the test stopped the router');
  await page.waitForFunction(() => /Router unreachable/.test(document.querySelector('#banner').textContent)
    && !document.querySelector('#banner').hidden, null, { timeout: 30000 });
  const banner = await page.textContent('#banner');
  check(/Retrying/.test(banner), 'the page says the router is down and that it retries: ' + banner);
  await page.waitForFunction(() => document.querySelector('#stream-status').textContent !== 'live');
  check(true, 'the stream shows it is disconnected');
  await page.screenshot({ path: join(out, 'dashboard-router-down.png') });

  // the router comes back on the same port: the page recovers by itself, still signed in
  console.log('START_ROUTER');
  check((await nextLine()) === 'started', 'the test started the router again');
  await page.waitForFunction(() => document.querySelector('#banner').hidden, null, { timeout: 30000 });
  check(true, 'the banner goes away once the router answers again');
  await page.waitForFunction(() => document.querySelector('#stream-status').textContent === 'live', null, { timeout: 30000 });
  check(true, 'the decision stream reconnects');
  const again = await chat('auto', 'after the restart');
  await page.locator(`#decision-table tbody tr[data-id="${again.id}"]`).waitFor();
  check(true, 'a decision made after the restart appears');
  check(errors.length === 0, 'no script errors in the page ' + errors.join('; '));
  console.log('ALL PASSED');
} finally {
  await browser.close();
  stdin.close();
}
