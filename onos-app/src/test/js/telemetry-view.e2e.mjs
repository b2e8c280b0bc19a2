// The ONOS telemetry view in headless Chromium against its Java message handler (TelemetryViewBrowserTest
// serves both): the running query's card with its placement, its result chart drawn by web/'s chart
// component from the handler's result messages, the latest rows, the agents, the switches with their clocks
// and the data reduction.
//
//   node telemetry-view.e2e.mjs URL WEB_DIR [--failure-screenshot FILE]
//
// WEB_DIR: web/, whose node_modules holds playwright-core. Exit status 0 when the page showed all of that,
// 1 with the step that failed.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [url, web] = process.argv.slice(2);
if (!url || !web) {
  console.error('usage: node telemetry-view.e2e.mjs URL WEB_DIR [--failure-screenshot FILE]');
  process.exit(2);
}
const i = process.argv.indexOf('--failure-screenshot');
const failureScreenshot = i > 0 ? process.argv[i + 1] : null;
const { chromium } = createRequire(join(web, 'package.json'))('playwright-core');

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
const page = await browser.newPage();
const problems = [];
page.on('pageerror', (e) => problems.push(String(e)));
page.on('console', (m) => {
  // Failed loads are reported with their address below.
  if ((m.type() === 'error' || m.type() === 'warning') && !m.text().startsWith('Failed to load resource')) {
    problems.push(m.text());
  }
});
page.on('response', (r) => {
  if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) {
    problems.push(`${r.status()} ${r.url()}`);
  }
});
let step = 'open the page';
try {
  await page.goto(url);
  step = 'the query card';
  const card = page.locator('.its-query[data-query="tcp_new_conn"]');
  await card.waitFor({ timeout: 15000 });
  const meta = await card.locator('.its-meta').first().textContent();
  if (!meta.includes('window 1000 ms, parameters ') || !meta.includes('threshold=3') || !meta.includes('window=1s')) {
    throw new Error(`card meta: ${meta}`);
  }
  step = 'the switch stage and placement';
  const placement = await card.locator('pre').first().textContent();
  if (!placement.startsWith('switch stage of tcp_new_conn:')) {
    throw new Error(`placement: ${placement}`);
  }
  step = 'the result chart with three windows';
  await card.locator('.result-chart[data-windows="3"]').waitFor({ timeout: 15000 });
  const column = await card.locator('.result-chart').getAttribute('data-value-column');
  if (column !== 'conns') {
    throw new Error(`charted column ${column}`);
  }
  step = 'the latest window rows';
  const rows = await card.locator('.its-rows table').textContent();
  if (!rows.includes('10.0.0.2') || !rows.includes('7')) {
    throw new Error(`rows: ${rows}`);
  }
  step = 'the agents';
  const agents = await page.locator('#its-agents').textContent();
  if (!agents.includes('h1') || !agents.includes('connected')) {
    throw new Error(`agents: ${agents}`);
  }
  step = 'the switches with their clocks';
  const switches = await page.locator('#its-switches table').textContent();
  if (!switches.includes('lab-s1') || !switches.includes('within 450 us (1/16 probes)')) {
    throw new Error(`switches: ${switches}`);
  }
  step = 'the data reduction';
  const reduction = await page.locator('#its-reduction table').textContent();
  if (!reduction.includes('tcp_new_conn') || !reduction.includes('%')) {
    throw new Error(`reduction: ${reduction}`);
  }
  await page.locator('#its-reduction .its-bar').waitFor({ timeout: 5000 });
  step = 'no script errors';
  if (problems.length) {
    throw new Error(problems.join('; '));
  }
  console.log('telemetry view: query card, placement, chart of 3 windows, rows, agents, switches and reduction '
    + 'shown');
  await browser.close();
} catch (e) {
  console.error(`telemetry view: ${step} failed: ${e.message}` + (problems.length ? `\npage: ${problems.join('; ')}` : ''));
  if (failureScreenshot) {
    await page.screenshot({ path: failureScreenshot, fullPage: true });
  }
  await browser.close();
  process.exit(1);
}
