/*
 * IntStream telemetry view for ONOS's GUI: polls the view's message handler once a second over ONOS's web
 * socket, as the standalone dashboard polls its REST API, and gets the same messages (docs/dashboard.md):
 * queries with their placement, agents, switches and the data reduction, then each query's latest windows,
 * which the shared result chart (result-chart.js, built from web/ with Chart.js inside) draws.
 */
(function () {
    'use strict';

    var TELEMETRY_REQ = 'intstreamTelemetryDataRequest',
        TELEMETRY_RESP = 'intstreamTelemetryDataResponse',
        RESULTS_REQ = 'intstreamResultsRequest',
        RESULTS_RESP = 'intstreamResultsResponse',
        POLL_MS = 1000,
        WINDOWS = 30;

    // The chart module is an ES module; a view script is a classic one, so it is loaded by import().
    var chartModule = null;

    function loadChart() {
        if (!chartModule) {
            chartModule = import('./result-chart.js');
        }
        return chartModule;
    }

    function el(tag, cls, text) {
        var e = document.createElement(tag);
        if (cls) {
            e.className = cls;
        }
        if (text !== undefined && text !== null) {
            e.textContent = String(text);
        }
        return e;
    }

    function table(headers, rows) {
        var t = el('table'), tr = el('tr');
        headers.forEach(function (h) { tr.appendChild(el('th', null, h)); });
        t.appendChild(tr);
        rows.forEach(function (r) {
            var row = el('tr');
            r.forEach(function (v) { row.appendChild(el('td', null, v)); });
            t.appendChild(row);
        });
        return t;
    }

    function details(summary, text) {
        var d = el('details');
        d.appendChild(el('summary', null, summary));
        d.appendChild(el('pre', null, text));
        return d;
    }

    function params(p) {
        var keys = Object.keys(p || {});
        return keys.length ? keys.map(function (k) { return k + '=' + p[k]; }).join(', ') : 'defaults';
    }

    function percent(x) {
        return x === null || x === undefined ? 'n/a' : (100 * x).toFixed(2) + ' %';
    }

    angular.module('ovIntstreamTelemetry', [])
        .controller('OvIntstreamTelemetryCtrl', ['$log', '$scope', 'WebSocketService',
            function ($log, $scope, wss) {
                var handlers = {},
                    cards = {},     // query name -> {card, chart, rows, version}
                    timer = null;

                function byId(id) {
                    return document.getElementById(id);
                }

                function status(text, failed) {
                    var s = byId('its-status');
                    if (s) {
                        s.textContent = text;
                        s.className = 'its-status' + (failed ? ' its-failed' : '');
                    }
                }

                // Per switch, the query's slot or why it does not run there.
                function placement(query, switches) {
                    return switches.map(function (sw) {
                        var where = (sw.queries || {})[query.name];
                        return [sw.name, where === undefined ? 'not deployed there' : where];
                    });
                }

                function card(query, switches) {
                    var c = cards[query.name];
                    if (c && c.version !== query.version) {
                        drop(query.name);
                        c = null;
                    }
                    if (!c) {
                        c = { card: el('div', 'its-query'), chart: null, version: query.version };
                        c.card.setAttribute('data-query', query.name);
                        c.title = c.card.appendChild(el('h4'));
                        c.meta = c.card.appendChild(el('div', 'its-meta'));
                        c.placement = c.card.appendChild(el('div'));
                        c.card.appendChild(details('query text', query.text));
                        c.card.appendChild(details('distributed plan (explain)', query.explain));
                        c.chartBox = c.card.appendChild(el('div', 'its-chart'));
                        c.rows = c.card.appendChild(el('div', 'its-rows'));
                        cards[query.name] = c;
                        loadChart().then(function (m) {
                            if (cards[query.name] === c) {
                                c.chart = m.createResultChart(c.chartBox, { windows: WINDOWS, topKeys: 8 });
                            }
                        }, function (e) {
                            c.chartBox.textContent = 'result chart unavailable: ' + e;
                            $log.warn('IntStream result chart: ' + e);
                        });
                    }
                    c.title.textContent = query.name + ' (version ' + query.version + ')';
                    c.meta.textContent = query.mode + ', observed ' + query.observation_point + ', window '
                        + query.window_us / 1000 + ' ms, parameters ' + params(query.params);
                    c.placement.textContent = '';
                    c.placement.appendChild(el('pre', null, query.switch_stage));
                    if (switches.length) {
                        c.placement.appendChild(table(['switch', 'slot'], placement(query, switches)));
                    }
                    return c;
                }

                function drop(name) {
                    var c = cards[name];
                    if (c) {
                        if (c.chart) {
                            c.chart.destroy();
                        }
                        if (c.card.parentNode) {
                            c.card.parentNode.removeChild(c.card);
                        }
                        delete cards[name];
                    }
                }

                function onTelemetry(data) {
                    var box = byId('its-queries'), names = {};
                    if (!box) {
                        return;
                    }
                    status('updated ' + new Date().toLocaleTimeString(), false);
                    data.queries.forEach(function (q) {
                        names[q.name] = true;
                        var c = card(q, data.switches);
                        if (c.card.parentNode !== box) {
                            box.appendChild(c.card);
                        }
                        wss.sendEvent(RESULTS_REQ, { query: q.name, limit: WINDOWS });
                    });
                    Object.keys(cards).forEach(function (n) {
                        if (!names[n]) {
                            drop(n);
                        }
                    });
                    var empty = box.querySelector('.its-empty');
                    if (empty) {
                        empty.style.display = data.queries.length ? 'none' : '';
                    }
                    renderReduction(data.reduction);
                    renderAgents(data.agents);
                    renderSwitches(data.switches);
                }

                function onResults(msg) {
                    var c = cards[msg.query];
                    if (!c) {
                        return;
                    }
                    if (msg.error) {
                        c.rows.textContent = msg.error;
                        return;
                    }
                    if (c.chart) {
                        c.chart.update(msg);
                    }
                    var last = msg.windows.length ? msg.windows[msg.windows.length - 1] : null;
                    c.rows.textContent = '';
                    if (!last) {
                        c.rows.appendChild(el('p', 'its-empty', 'no window published yet'));
                        return;
                    }
                    c.rows.appendChild(el('div', 'its-meta', 'latest window ' + new Date(last.window_start)
                        .toLocaleTimeString() + ', coverage ' + last.coverage + (last.partial ? ' (partial)' : '')
                        + (last.approximate ? ', approximate' : '') + ', ' + last.packets + ' packets'));
                    var value = msg.columns[msg.columns.length - 1];
                    var rows = last.rows.slice().sort(function (a, b) {
                        return (Number(b[value]) || 0) - (Number(a[value]) || 0);
                    }).slice(0, 10);
                    c.rows.appendChild(table(msg.columns, rows.map(function (r) {
                        return msg.columns.map(function (col) { return r[col]; });
                    })));
                }

                function renderReduction(r) {
                    var box = byId('its-reduction');
                    if (!box) {
                        return;
                    }
                    box.textContent = '';
                    var rows = r.queries.concat([Object.assign({ query: 'total' }, r.total)]).map(function (q) {
                        return [q.query, q.packets, q.bytes_crossing, q.central_bytes, percent(q.reduction)];
                    });
                    box.appendChild(table(['query', 'packets', 'bytes crossing', 'central bytes ('
                        + r.central_bytes_per_packet + ' per packet)', 'reduction'], rows));
                    // The figure: what crossed against what a central collector would need, to one scale.
                    var t = r.total, width = 300;
                    if (t.central_bytes > 0) {
                        var fig = el('div', 'its-figure');
                        var crossed = Math.max(1, Math.round(width * Math.min(1, t.bytes_crossing / t.central_bytes)));
                        var central = el('span', 'its-bar-central');
                        central.style.width = width + 'px';
                        var bar = el('span', 'its-bar');
                        bar.style.width = crossed + 'px';
                        fig.appendChild(el('div', 'its-meta', 'crossing'));
                        fig.appendChild(bar);
                        fig.appendChild(el('div', 'its-meta', 'central collector'));
                        fig.appendChild(central);
                        box.appendChild(fig);
                    }
                }

                function renderAgents(agents) {
                    var box = byId('its-agents');
                    if (box) {
                        box.textContent = '';
                        box.appendChild(agents.length ? table(['agent', 'point', 'stream'], agents.map(function (a) {
                            return [a.id, a.point, a.connected ? 'connected' : 'disconnected'];
                        })) : el('p', 'its-empty', 'no agents (they dial this ONOS instance\'s agentPort)'));
                    }
                }

                function renderSwitches(switches) {
                    var box = byId('its-switches');
                    if (box) {
                        box.textContent = '';
                        box.appendChild(switches.length ? table(['switch', 'reports', 'malformed', 'late keys',
                            'epochs read', 'clock', 'last error'], switches.map(function (s) {
                            return [s.name, s.reports, s.malformed_reports, s.late_keys, s.epochs_read, clock(s),
                                s.last_error || ''];
                        })) : el('p', 'its-empty', 'no device runs the IntStream pipeconf'));
                    }
                }

                // The switch's clock calibration (clockCalibration), and why the latest one failed.
                function clock(s) {
                    var text = s.clock ? 'within ' + s.clock.skew_bound_us + ' us (' + s.clock.probes_answered + '/'
                        + s.clock.probes_sent + ' probes), offset ' + s.clock.offset_us + ' us' : 'not calibrated';
                    return s.clock_error ? text + '; ' + s.clock_error : text;
                }

                function poll() {
                    if (wss.isConnected && !wss.isConnected()) {
                        status('the GUI web socket is not connected', true);
                        return;
                    }
                    wss.sendEvent(TELEMETRY_REQ, {});
                }

                handlers[TELEMETRY_RESP] = onTelemetry;
                handlers[RESULTS_RESP] = onResults;
                wss.bindHandlers(handlers);
                poll();
                timer = setInterval(poll, POLL_MS);

                $scope.$on('$destroy', function () {
                    clearInterval(timer);
                    wss.unbindHandlers(handlers);
                    Object.keys(cards).forEach(drop);
                });
                $log.log('OvIntstreamTelemetryCtrl has been created');
            }]);
}());
