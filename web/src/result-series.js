// Turns a result message (docs/dashboard.md: {query, columns, windows: [{window_start, rows, ...}]}) into
// the series the result chart draws. Pure functions, no DOM, so views and tests share them.

/**
 * The column whose values are charted: the one asked for, or the last column holding a number in some row
 * and nothing but numbers or nulls in every row (a count, a sum, a distinct count). Null when there is none.
 */
export function valueColumn(result, wanted) {
  const columns = result.columns ?? [];
  if (wanted != null) {
    if (!columns.includes(wanted)) {
      throw new Error(`result of ${result.query}: no column '${wanted}' (columns: ${columns.join(', ')})`);
    }
    return wanted;
  }
  for (let i = columns.length - 1; i >= 0; i--) {
    const c = columns[i];
    let numbers = 0;
    let others = 0;
    for (const w of result.windows ?? []) {
      for (const row of w.rows ?? []) {
        const v = row[c];
        if (typeof v === 'number') {
          numbers++;
        } else if (v != null) {
          others++;
        }
      }
    }
    if (numbers > 0 && others === 0) {
      return c;
    }
  }
  return null;
}

/** A row's key: its values other than the charted column, in column order; "(all)" when it has none. */
export function keyOf(row, columns, value) {
  const parts = [];
  for (const c of columns) {
    if (c !== value) {
      const v = row[c];
      parts.push(v == null ? '∅' : Array.isArray(v) ? `[${v.join(', ')}]` : String(v));
    }
  }
  return parts.length === 0 ? '(all)' : parts.join(' · ');
}

/** A window start (Unix milliseconds) as HH:MM:SS in UTC, the axis labels. */
export function clockLabel(millis) {
  return new Date(millis).toISOString().slice(11, 19);
}

/**
 * Per window, oldest first (the last {@code limit}): its label, how many rows (keys) it reported, the sum of
 * the charted column, whether it is partial, and its coverage.
 */
export function perWindow(result, value, limit = Infinity) {
  const windows = (result.windows ?? []).slice(-limit);
  return windows.map((w) => {
    let sum = 0;
    for (const row of w.rows ?? []) {
      if (value != null && typeof row[value] === 'number') {
        sum += row[value];
      }
    }
    return {
      start: w.window_start,
      label: clockLabel(w.window_start),
      rows: (w.rows ?? []).length,
      sum: value == null ? null : sum,
      partial: Boolean(w.partial),
      coverage: w.coverage ?? '',
      packets: w.packets ?? 0,
    };
  });
}

/**
 * The keys with the largest value of the charted column in any of the last {@code limit} windows, largest
 * first, at most {@code n}: [{key, peak, windows}] (windows: in how many of them the key was reported).
 */
export function topKeys(result, value, n, limit = Infinity) {
  if (value == null) {
    return [];
  }
  const columns = result.columns ?? [];
  const byKey = new Map();
  for (const w of (result.windows ?? []).slice(-limit)) {
    for (const row of w.rows ?? []) {
      const v = row[value];
      if (typeof v !== 'number') {
        continue;
      }
      const key = keyOf(row, columns, value);
      const seen = byKey.get(key);
      if (seen == null) {
        byKey.set(key, { key, peak: v, windows: 1 });
      } else {
        seen.peak = Math.max(seen.peak, v);
        seen.windows++;
      }
    }
  }
  return [...byKey.values()]
    .sort((a, b) => b.peak - a.peak || a.key.localeCompare(b.key))
    .slice(0, n);
}
