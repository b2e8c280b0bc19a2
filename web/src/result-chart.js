// The result chart: one query's results as two Chart.js charts, per window (keys reported, and the sum of
// the charted column) and its top keys (largest value in any shown window). It takes an element to draw
// into and the result messages of docs/dashboard.md, and knows nothing else of the page around it, so the
// standalone dashboard and the ONOS GUI view share it.
//
//   const chart = createResultChart(element, { windows: 30, topKeys: 8 });
//   chart.update(resultMessage);   // as often as new windows arrive
//   chart.destroy();
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { perWindow, topKeys, valueColumn } from './result-series.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement,
  Legend, Tooltip);

const COLORS = {
  rows: '#4e79a7',
  partial: '#b7c7d9',
  sum: '#e15759',
  keys: '#59a14f',
};

/**
 * Draws into {@code element} (its content is replaced). Options: windows (how many recent windows are shown,
 * 30), topKeys (how many keys, 8), valueColumn (the column charted; default: the last numeric one), height
 * of each chart in pixels (180).
 */
export function createResultChart(element, options = {}) {
  if (!(element instanceof Element)) {
    throw new Error('createResultChart needs a DOM element to draw into');
  }
  const settings = { windows: 30, topKeys: 8, valueColumn: null, height: 180, ...options };
  const root = element.ownerDocument.createElement('div');
  root.className = 'result-chart';
  root.dataset.windows = '0';
  const perWindowPanel = panel(root, settings.height);
  const topPanel = panel(root, settings.height);
  element.replaceChildren(root);

  const windowsChart = new Chart(perWindowPanel.canvas, {
    type: 'bar',
    data: { labels: [], datasets: [] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: { title: { display: false }, legend: { position: 'bottom' } },
      scales: {
        x: { title: { display: true, text: 'window start (UTC)' } },
        rows: { type: 'linear', position: 'left', beginAtZero: true, title: { display: true, text: 'keys' },
          ticks: { precision: 0 } },
        sum: { type: 'linear', position: 'right', beginAtZero: true, grid: { drawOnChartArea: false },
          title: { display: true, text: 'sum' } },
      },
    },
  });
  const keysChart = new Chart(topPanel.canvas, {
    type: 'bar',
    data: { labels: [], datasets: [] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      indexAxis: 'y',
      plugins: { legend: { display: false } },
      scales: {
        x: { beginAtZero: true, title: { display: true, text: 'peak' } },
        y: { ticks: { autoSkip: false } }, // every key named, not every other one
      },
    },
  });

  return {
    /** Redraws from a result message; windows are taken oldest first, as the REST API lists them. */
    update(result) {
      const value = valueColumn(result, settings.valueColumn);
      const series = perWindow(result, value, settings.windows);
      windowsChart.data.labels = series.map((w) => w.label);
      // Complete and partial windows as two series, so the legend tells them apart; skipNull keeps each
      // window's one bar centred on its label.
      const datasets = [{
        type: 'bar',
        label: 'keys reported',
        yAxisID: 'rows',
        data: series.map((w) => (w.partial ? null : w.rows)),
        backgroundColor: COLORS.rows,
        skipNull: true,
        order: 2,
      }];
      if (series.some((w) => w.partial)) {
        datasets.push({
          type: 'bar',
          label: 'keys reported (partial window)',
          yAxisID: 'rows',
          data: series.map((w) => (w.partial ? w.rows : null)),
          backgroundColor: COLORS.partial,
          skipNull: true,
          order: 3,
        });
      }
      if (value != null) {
        datasets.push({
          type: 'line',
          label: `sum of ${value}`,
          yAxisID: 'sum',
          data: series.map((w) => w.sum),
          borderColor: COLORS.sum,
          backgroundColor: COLORS.sum,
          pointRadius: 2,
          order: 1,
        });
      }
      windowsChart.data.datasets = datasets;
      windowsChart.options.scales.sum.display = value != null;
      windowsChart.options.scales.sum.title.text = value == null ? 'sum' : `sum of ${value}`;
      windowsChart.options.plugins.tooltip = {
        callbacks: { afterBody: (items) => coverageNote(series[items[0]?.dataIndex]) },
      };
      windowsChart.update();

      const top = topKeys(result, value, settings.topKeys, settings.windows);
      keysChart.data.labels = top.map((k) => k.key);
      keysChart.data.datasets = [{
        label: value == null ? 'peak' : `peak ${value}`,
        data: top.map((k) => k.peak),
        backgroundColor: COLORS.keys,
      }];
      keysChart.options.scales.x.title.text = value == null ? 'no numeric column' : `peak ${value} per window`;
      keysChart.update();

      const last = series[series.length - 1];
      root.dataset.windows = String(series.length);
      root.dataset.lastWindowStart = last == null ? '' : String(last.start);
      root.dataset.valueColumn = value ?? '';
      perWindowPanel.caption.textContent = series.length === 0
        ? 'no window closed yet'
        : `${series.length} window${series.length === 1 ? '' : 's'}, latest ${last.label} (coverage ${last.coverage}${last.partial ? ', partial' : ''})`;
      topPanel.caption.textContent = top.length === 0 ? 'no keys reported in these windows' : `top ${top.length} keys`;
    },

    destroy() {
      windowsChart.destroy();
      keysChart.destroy();
      root.remove();
    },
  };
}

function panel(root, height) {
  const doc = root.ownerDocument;
  const box = doc.createElement('figure');
  box.style.margin = '0 0 0.5em 0';
  const holder = doc.createElement('div');
  // Chart.js sizes a responsive chart from its parent: a positioned box of fixed height.
  holder.style.position = 'relative';
  holder.style.height = `${height}px`;
  const canvas = doc.createElement('canvas');
  holder.append(canvas);
  const caption = doc.createElement('figcaption');
  caption.style.fontSize = '0.85em';
  box.append(holder, caption);
  root.append(box);
  return { canvas, caption };
}

function coverageNote(w) {
  return w == null ? '' : `coverage ${w.coverage}${w.partial ? ' (partial)' : ''}, ${w.packets} packets observed`;
}
