// The dashboard end to end in headless Chromium, against a running controller whose agent replays a capture
// once the page's query is installed (standalone's DashboardBrowserTest starts both and runs this script).
//
//   node test/dashboard.e2e.mjs URL [--running NAME] [--screenshot FILE] [--failure-screenshot FILE]
//
// URL: the controller's REST address (http://127.0.0.1:PORT). --running: a query submitted before the page
// opens, which must be shown. --screenshot: the page once the chart has filled; --failure-screenshot: the
// page when a step fails. The page must: show the running query and the agent; submit a query from the
// form (text, name, parameters); draw its results as windows close (the chart's window count grows); show
// the data reduction; remove the query; and show the controller's reason, with line and column, for a bad
// query. Exit status 0 when all of that held, 1 with the step that failed otherwise.
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const url = args.find((a) => !a.startsWith('--'));
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : null;
};
if (url == null) {
  console.error('usage: node test/dashboard.e2e.mjs URL [--running NAME] [--screenshot FILE] '
    + '[--failure-screenshot FILE]');
  process.exit(2);
}
const screenshot = option('--screenshot');
const failureScreenshot = option('--failure-screenshot');
const running = option('--running');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

const SUBMITTED = 'syns_per_dst';
const QUERY = `# TCP connection attempts per destination, every window.
query ${SUBMITTED}(threshold = 1000, window = 10s)
  packets
  | filter ip.proto == 6 and tcp.flags.syn and not tcp.flags.ack
  | window tumbling window
  | reduce count() as syns by ip.dst as dst
  | filter syns > threshold`;
// Unknown field on line 3: the controller refuses it with its position.
const BAD = `query bad_field
  packets
  | filter ip.nosuch == 1
  | window tumbling 5s
  | reduce count() as n`;

let step = 'start';
const check = (what, ok, detail = '') => {
  if (!ok) {
    throw new Error(`${what}${detail === '' ? '' : `: ${detail}`}`);
  }
};

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
let page;
try {
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  step = 'open the page at /';
  const response = await page.goto(url + '/');
  check('the page loads', response.ok(), `HTTP ${response.status()}`);
  check('/ leads to /dashboard/', page.url().endsWith('/dashboard/'), page.url());
  await page.waitForSelector('#status:not(.bad):has-text("live")', { timeout: 10_000 });

  step = 'the agent is shown connected';
  await page.waitForSelector('#agents td:has-text("connected")', { timeout: 10_000 });

  if (running != null) {
    step = `the running query ${running} is shown with its placement`;
    const card = page.locator(`article[data-query="${running}"]`);
    await card.waitFor({ timeout: 10_000 });
    const placement = await card.locator('.placement').innerText();
    check('placement names the mode and the observation point', /mode/.test(placement)
      && /observation point/.test(placement), placement);
  }

  step = 'submit a query from the form';
  await page.fill('#query-name', SUBMITTED);
  await page.fill('#query-text', QUERY);
  await page.fill('#query-params', 'threshold=0, window=5s');
  // An exact query: a switch slot takes it only with the submitter's leave for its estimates.
  await page.check('#query-estimates');
  await page.click('#submit');
  const card = page.locator(`article[data-query="${SUBMITTED}"]`);
  await card.waitFor({ timeout: 10_000 });
  await page.waitForSelector(`#submit-done:has-text("submitted ${SUBMITTED}")`, { timeout: 5_000 });
  const tags = await card.locator('header').innerText();
  check('the parameters given in the form are applied', tags.includes('threshold=0') && tags.includes('window=5s')
    && tags.includes('window 5 s'), tags);

  step = 'its chart fills as windows close';
  const chart = card.locator('.result-chart');
  const windows = async () => Number(await chart.getAttribute('data-windows'));
  await page.waitForFunction((name) => Number(document.querySelector(
    `article[data-query="${name}"] .result-chart`)?.dataset.windows) >= 1, SUBMITTED, { timeout: 30_000 });
  const first = await windows();
  const firstStart = Number(await chart.getAttribute('data-last-window-start'));
  await page.waitForFunction(([name, n]) => Number(document.querySelector(
    `article[data-query="${name}"] .result-chart`)?.dataset.windows) >= n, [SUBMITTED, Math.max(first + 3, 18)],
  { timeout: 60_000 });
  const later = await windows();
  const laterStart = Number(await chart.getAttribute('data-last-window-start'));
  check('later windows arrive while the page is open', later > first && laterStart > firstStart,
    `${first} windows (latest ${firstStart}), then ${later} (latest ${laterStart})`);
  check('the chart draws the syns column', (await chart.getAttribute('data-value-column')) === 'syns');
  const canvases = await chart.locator('canvas').count();
  check('two charts: per window and top keys', canvases === 2, `${canvases} canvases`);
  const latest = await card.locator('.latest').innerText();
  check('the latest window is listed with its rows', /latest window/.test(latest) && /dst\s+syns/.test(latest),
    latest);

  step = 'the switch is shown with the query\'s slot';
  const switchRow = page.locator('#switches tr', { hasText: 's1' });
  await switchRow.waitFor({ timeout: 10_000 });
  const switchText = await switchRow.innerText();
  check('the switches table gives the submitted query\'s slot', new RegExp(`${SUBMITTED}: slot \\d`).test(switchText),
    switchText);
  const onSwitches = await card.locator('.placement').innerText();
  check('the card names the switch and slot', /s1: slot \d/.test(onSwitches), onSwitches);

  step = 'the data reduction is shown';
  const row = page.locator('#reduction tr', { hasText: SUBMITTED });
  await row.waitFor({ timeout: 10_000 });
  const cells = await row.locator('td').allInnerTexts();
  check('bytes crossing were counted', Number(cells[3].replace(/,/g, '')) > 0, cells.join(' | '));
  check('a reduction is given', /%$/.test(cells[5]), cells.join(' | '));

  if (screenshot != null) {
    step = 'screenshot';
    await page.screenshot({ path: screenshot, fullPage: true });
  }

  step = 'remove the query from the page';
  await card.locator('button.remove').click();
  await card.waitFor({ state: 'detached', timeout: 10_000 });
  const names = await page.evaluate(async () => (await (await fetch('/queries')).json()).map((q) => q.name));
  check('the controller no longer runs it', !names.includes(SUBMITTED), names.join(', '));
  await page.waitForTimeout(1500); // a poll or two later it must stay gone
  check('it stays removed', await card.count() === 0);

  step = 'a bad query shows the controller\'s reason and position';
  await page.fill('#query-name', '');
  await page.fill('#query-text', BAD);
  await page.fill('#query-params', '');
  await page.click('#submit');
  const error = page.locator('#submit-error');
  await error.waitFor({ state: 'visible', timeout: 10_000 });
  const text = await error.innerText();
  check('the reason names the field', /ip\.nosuch/.test(text), text);
  check('the error gives the line', (await error.getAttribute('data-line')) === '3', text);
  check('the offending line is shown with a caret', /\|\s+\| filter ip\.nosuch == 1/.test(text) && /\^/.test(text),
    text);
  check('nothing was submitted', await page.locator('article[data-query="bad_field"]').count() === 0);

  step = 'a form mistake is said before anything is sent';
  await page.fill('#query-text', 'packets | window tumbling 5s | reduce count() as n');
  await page.click('#submit');
  await page.waitForSelector('#submit-error:has-text("name the query")', { timeout: 5_000 });

  check('no script error on the page', pageErrors.length === 0, pageErrors.join('; '));
  console.log(`dashboard e2e: ok (${later} windows charted, reduction ${cells[5]})`);
} catch (e) {
  console.error(`dashboard e2e: failed at "${step}": ${e.message}`);
  if (page != null && failureScreenshot != null) {
    await page.screenshot({ path: failureScreenshot, fullPage: true }).catch(() => { });
  }
  process.exitCode = 1;
} finally {
  await browser.close();
}
