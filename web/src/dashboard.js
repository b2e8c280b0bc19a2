// The standalone controller's dashboard: polls the REST API every second and shows the running queries
// (text, placement, a live result chart each), the agents, the switches and the data reduction; submits
// and removes queries. Message shapes: docs/dashboard.md.
import * as api from './api.js';
import { el, table } from './dom.js';
import { createResultChart } from './result-chart.js';
import { clockLabel, keyOf, valueColumn } from './result-series.js';
import { composeQuery, parseParams, SubmitError } from './submission.js';

const POLL_MS = 1000;
const WINDOWS_SHOWN = 30;
const LATEST_ROWS = 10;

/** Per running query (by name): its version, its card and its chart. */
const cards = new Map();

const $ = (id) => document.getElementById(id);

async function poll() {
  try {
    const [queries, agentList, switchList, reduction] = await Promise.all([
      api.listQueries(), api.agents(), api.switches(), api.reduction()]);
    // A query removed between the two requests answers 404: it is gone, not an error.
    const results = await Promise.all(queries.map((q) => api.results(q.name, WINDOWS_SHOWN)
      .catch((e) => (e.status === 404 ? null : Promise.reject(e)))));
    renderQueries(queries, results, switchList);
    renderAgents(agentList);
    renderSwitches(switchList);
    renderReduction(reduction);
    setStatus(`live, polling every ${POLL_MS / 1000} s; updated ${new Date().toLocaleTimeString()}`, false);
  } catch (e) {
    setStatus(`controller unreachable or failing: ${e.message}`, true);
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

function setStatus(text, bad) {
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('bad', bad);
}

function renderQueries(queries, results, switchList) {
  const running = new Set(queries.map((q) => q.name));
  for (const [name, card] of cards) {
    if (!running.has(name)) {
      dropCard(name, card);
    }
  }
  const list = $('queries');
  queries.forEach((q, i) => {
    let card = cards.get(q.name);
    if (card != null && card.version !== q.version) {
      dropCard(q.name, card);
      card = null;
    }
    if (card == null) {
      card = newCard(q);
      cards.set(q.name, card);
    }
    list.append(card.node); // keeps submission order
    card.placement.replaceChildren(...placement(q, switchList));
    if (results[i] != null) {
      card.chart.update(results[i]);
      card.latest.replaceChildren(...latestWindow(results[i]));
    }
  });
  $('no-queries').hidden = queries.length > 0;
}

function dropCard(name, card) {
  card.chart.destroy();
  card.node.remove();
  cards.delete(name);
}

function newCard(q) {
  const chartBox = el('div', { class: 'chart' });
  const placementBox = el('dl', { class: 'placement' });
  const latestBox = el('div', { class: 'latest' });
  const error = el('p', { class: 'error', role: 'alert', hidden: true });
  const remove = el('button', { type: 'button', class: 'remove', 'data-remove': q.name }, 'Remove');
  remove.addEventListener('click', async () => {
    remove.disabled = true;
    try {
      await api.removeQuery(q.name);
      const card = cards.get(q.name);
      if (card != null) {
        dropCard(q.name, card);
      }
      $('no-queries').hidden = cards.size > 0;
    } catch (e) {
      error.textContent = `could not remove ${q.name}: ${e.message}`;
      error.hidden = false;
      remove.disabled = false;
    }
  });
  const params = Object.entries(q.params ?? {}).map(([k, v]) => `${k}=${v}`).join(', ');
  const node = el('article', { class: 'query', 'data-query': q.name },
    el('header', {},
      el('h3', {}, q.name),
      el('span', { class: 'tag' }, `version ${q.version}`),
      el('span', { class: 'tag' }, `window ${q.window_us / 1e6} s`),
      params === '' ? null : el('span', { class: 'tag' }, params),
      remove),
    error,
    placementBox,
    chartBox,
    latestBox,
    el('details', {}, el('summary', {}, 'query text'), el('pre', { class: 'text' }, q.text)),
    el('details', {}, el('summary', {}, 'explain: local and global stages, switch stage'),
      el('pre', { class: 'explain' }, q.explain ?? '')));
  return {
    version: q.version,
    node,
    chart: createResultChart(chartBox, { windows: WINDOWS_SHOWN }),
    placement: placementBox,
    latest: latestBox,
  };
}

/** Mode, observation point, and per switch the slot or why the query does not run there. */
function placement(q, switchList) {
  const stages = switchList.filter((s) => s.queries[q.name] != null)
    .map((s) => `${s.name}: ${s.queries[q.name]}`);
  return [
    el('dt', {}, 'mode'), el('dd', {}, q.mode),
    el('dt', {}, 'observation point'), el('dd', {}, q.observation_point),
    el('dt', {}, 'switch stage'), el('dd', {}, q.switch_stage ?? ''),
    el('dt', {}, 'on switches'), el('dd', {}, stages.length === 0 ? 'no switch added' : stages.join('; ')),
  ];
}

/** The latest window's rows, largest value first. */
function latestWindow(result) {
  const windows = result.windows ?? [];
  if (windows.length === 0) {
    return [el('p', { class: 'muted' }, 'no window closed yet')];
  }
  const w = windows[windows.length - 1];
  const value = valueColumn(result);
  const rows = [...(w.rows ?? [])];
  if (value != null) {
    rows.sort((a, b) => (b[value] ?? -Infinity) - (a[value] ?? -Infinity)
      || keyOf(a, result.columns, value).localeCompare(keyOf(b, result.columns, value)));
  }
  const shown = rows.slice(0, LATEST_ROWS);
  return [
    el('p', { class: 'muted' }, `latest window ${clockLabel(w.window_start)}–${clockLabel(w.window_end)} UTC: `
      + `${rows.length} row${rows.length === 1 ? '' : 's'}, coverage ${w.coverage}${w.partial ? ' (partial)' : ''}`
      + `${w.approximate ? ', approximate' : ''}, ${w.packets} packets observed`
      + (rows.length > shown.length ? `; the first ${shown.length} shown` : '')),
    shown.length === 0 ? el('p', { class: 'muted' }, 'no key passed the query in this window')
      : table(result.columns, shown, (row) => result.columns.map((c) => format(row[c])), { class: 'rows' }),
  ];
}

function format(v) {
  if (v == null) {
    return '∅';
  }
  return Array.isArray(v) ? `[${v.join(', ')}]` : String(v);
}

function renderAgents(list) {
  $('agents').replaceChildren(list.length === 0 ? el('p', { class: 'muted' }, 'no agent has connected')
    : table(['agent', 'observation point', 'state'], list, (a) => [a.id, a.point,
      el('span', { class: a.connected ? 'up' : 'down' }, a.connected ? 'connected' : 'disconnected, waited for')]));
}

function renderSwitches(list) {
  $('switches').replaceChildren(list.length === 0 ? el('p', { class: 'muted' }, 'no switch added')
    : table(['switch', 'queries', 'reports', 'malformed', 'late keys', 'epochs read', 'last error'], list, (s) => [
      s.name,
      Object.keys(s.queries).length === 0 ? 'none'
        : Object.entries(s.queries).map(([q, where]) => el('div', {}, `${q}: ${where}`)),
      s.reports, s.malformed_reports, s.late_keys, s.epochs_read, s.last_error ?? '']));
}

function renderReduction(r) {
  const bytes = (n) => (n == null ? 'not measured' : n.toLocaleString('en-US'));
  const percent = (x) => (x == null ? '–' : `${(x * 100).toFixed(2)} %`);
  const rows = [...r.queries, { ...r.total, query: 'all queries' }];
  $('reduction').replaceChildren(
    el('p', { class: 'muted' }, `Bytes of partial results that crossed from the agents into the controller's global `
      + `stage, against a central collector that receives every packet's 5-tuple and length `
      + `(${r.central_bytes_per_packet} bytes a packet).`),
    table(['query', 'packets observed', 'traffic bytes', 'bytes crossing', 'central collector bytes', 'reduction'],
      rows, (q) => [q.query, bytes(q.packets), bytes(q.bytes), bytes(q.bytes_crossing), bytes(q.central_bytes),
        percent(q.reduction)], { class: 'numbers' }));
}

async function submit(event) {
  event.preventDefault();
  const error = $('submit-error');
  const button = $('submit');
  error.hidden = true;
  error.replaceChildren();
  let text;
  let params;
  try {
    text = composeQuery($('query-name').value, $('query-text').value);
    params = parseParams($('query-params').value);
  } catch (e) {
    if (!(e instanceof SubmitError)) {
      throw e;
    }
    showSubmitError(e.message);
    return;
  }
  button.disabled = true;
  try {
    const q = await api.submitQuery(text, params, $('query-estimates').checked);
    $('submit-done').textContent = `submitted ${q.name} (version ${q.version}, ${q.mode}, ${q.observation_point})`;
    $('query-form').reset();
    await pollOnce();
  } catch (e) {
    showSubmitError(e.message, text, e.line, e.column);
  } finally {
    button.disabled = false;
  }
}

/** The reason, and when the controller gave a position, that line of the text with a caret under the column. */
function showSubmitError(message, text, line = 0, column = 0) {
  const error = $('submit-error');
  $('submit-done').textContent = '';
  const parts = [el('strong', {}, 'Refused: '), message];
  if (text != null && line > 0) {
    const source = text.split('\n')[line - 1] ?? '';
    parts.push(el('pre', { class: 'where' }, `${String(line).padStart(4)} | ${source}\n`
      + `${' '.repeat(4)} | ${' '.repeat(Math.max(0, column - 1))}^`));
    error.dataset.line = String(line);
    error.dataset.column = String(column);
  } else {
    delete error.dataset.line;
    delete error.dataset.column;
  }
  error.replaceChildren(...parts);
  error.hidden = false;
}

/** One refresh right away (after a submission), besides the timer's. */
let refreshing = null;
function pollOnce() {
  refreshing ??= Promise.all([api.listQueries(), api.switches()])
    .then(async ([queries, switchList]) => {
      const results = await Promise.all(queries.map((q) => api.results(q.name, WINDOWS_SHOWN).catch(() => null)));
      renderQueries(queries, results, switchList);
    })
    .catch(() => { })
    .finally(() => { refreshing = null; });
  return refreshing;
}

$('query-form').addEventListener('submit', submit);
poll();
