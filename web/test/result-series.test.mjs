// The result chart's series from result messages (docs/dashboard.md), without a browser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clockLabel, keyOf, perWindow, topKeys, valueColumn } from '../src/result-series.js';

const T0 = 1795381580000;
const result = {
  query: 'port_scan',
  columns: ['src', 'dport', 'ports'],
  windows: [
    { window_start: T0, window_end: T0 + 10000, coverage: '1/1', partial: false, packets: 40,
      rows: [{ src: '10.0.0.1', dport: 22, ports: 5 }, { src: '10.0.0.2', dport: 80, ports: 9 }] },
    { window_start: T0 + 10000, window_end: T0 + 20000, coverage: '0/1', partial: true, packets: 7,
      rows: [{ src: '10.0.0.1', dport: 22, ports: 12 }] },
    { window_start: T0 + 20000, window_end: T0 + 30000, coverage: '1/1', partial: false, packets: 0, rows: [] },
  ],
};

test('the charted column is the last one holding only numbers', () => {
  assert.equal(valueColumn(result), 'ports');
  assert.equal(valueColumn({ ...result, columns: ['src', 'ports', 'note'],
    windows: [{ rows: [{ src: 'a', ports: 1, note: 'x' }] }] }), 'ports');
  assert.equal(valueColumn({ query: 'q', columns: ['src'], windows: [{ rows: [{ src: 'a' }] }] }), null);
  assert.equal(valueColumn(result, 'dport'), 'dport');
  assert.throws(() => valueColumn(result, 'bytes'), /no column 'bytes' \(columns: src, dport, ports\)/);
});

test('a key is every other column, absent values shown as such', () => {
  assert.equal(keyOf({ src: '10.0.0.1', dport: 22, ports: 5 }, result.columns, 'ports'), '10.0.0.1 · 22');
  assert.equal(keyOf({ src: null, dport: 22, ports: 5 }, result.columns, 'ports'), '∅ · 22');
  assert.equal(keyOf({ n: 5 }, ['n'], 'n'), '(all)');
});

test('per window: keys reported, the sum, partial windows and the last N only', () => {
  const series = perWindow(result, 'ports');
  assert.deepEqual(series.map((w) => [w.rows, w.sum, w.partial, w.coverage]),
    [[2, 14, false, '1/1'], [1, 12, true, '0/1'], [0, 0, false, '1/1']]);
  assert.equal(series[0].label, '21:06:20');
  assert.deepEqual(perWindow(result, 'ports', 2).map((w) => w.start), [T0 + 10000, T0 + 20000]);
  assert.equal(perWindow(result, null)[0].sum, null);
});

test('top keys by their peak in the shown windows', () => {
  assert.deepEqual(topKeys(result, 'ports', 8), [
    { key: '10.0.0.1 · 22', peak: 12, windows: 2 },
    { key: '10.0.0.2 · 80', peak: 9, windows: 1 },
  ]);
  assert.deepEqual(topKeys(result, 'ports', 1).map((k) => k.key), ['10.0.0.1 · 22']);
  assert.deepEqual(topKeys(result, 'ports', 8, 1), [], 'the last window has no rows');
  assert.deepEqual(topKeys(result, null, 8), []);
});

test('window starts are labelled in UTC', () => {
  assert.equal(clockLabel(Date.UTC(2026, 10, 22, 23, 59, 5)), '23:59:05');
});
