package org.intstream.standalone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import org.intstream.controller.agent.AgentStatus;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.controller.dataplane.SwitchStatus;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.controller.runtime.ControllerCore;
import org.intstream.controller.store.StoreException;
import org.intstream.query.QueryException;

/**
 * The controller's REST API (JSON): {@code POST /queries} {"query": TEXT, "params": {KEY: VALUE}} submits,
 * {@code GET /queries} lists, {@code DELETE /queries/NAME} removes, {@code GET /results/NAME[?limit=N]}
 * gives the latest merged windows, {@code GET /agents} the known agents, {@code GET /switches} the
 * programmed switches (each query's slot or why it does not run there, report counts), {@code GET /metrics}
 * per-query counters as Prometheus text, {@code GET /reduction} the data reduction per query; {@code /} and
 * {@code /dashboard/} the web dashboard. Errors are {"error": WHY} with 400 (and "line", "column" when the
 * query text is wrong at a known place), 404 or 405, and 500 when the query store could not keep a change (it
 * is then not made).
 */
final class RestApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ControllerCore core;
    private final HttpServer server;

    private RestApi(ControllerCore core, HttpServer server) {
        this.core = core;
        this.server = server;
    }

    static RestApi start(ControllerCore core, InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        RestApi api = new RestApi(core, server);
        server.createContext("/queries", api::queries);
        server.createContext("/results/", api::results);
        server.createContext("/agents", api::agents);
        server.createContext("/switches", api::switches);
        server.createContext("/metrics", api::metrics);
        server.createContext("/reduction", api::reduction);
        server.createContext("/", api::dashboard);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "controller-rest");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return api;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void queries(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            if (path.equals("/queries") || path.equals("/queries/")) {
                if (method.equals("GET")) {
                    ArrayNode list = JSON.createArrayNode();
                    for (DeployedQuery q : core.queries().list()) {
                        list.add(describe(q));
                    }
                    reply(x, 200, list);
                } else if (method.equals("POST")) {
                    submit(x);
                } else {
                    error(x, 405, method + " /queries: use GET or POST");
                }
                return;
            }
            String name = decode(path.substring("/queries/".length()));
            if (method.equals("DELETE")) {
                DeployedQuery q;
                try {
                    q = core.queries().remove(name);
                } catch (StoreException e) {
                    error(x, 500, e.getMessage());
                    return;
                }
                if (q == null) {
                    error(x, 404, "no query '" + name + "' runs");
                } else {
                    reply(x, 200, describe(q));
                }
            } else if (method.equals("GET")) {
                DeployedQuery q = core.queries().get(name);
                if (q == null) {
                    error(x, 404, "no query '" + name + "' runs");
                } else {
                    reply(x, 200, describe(q));
                }
            } else {
                error(x, 405, method + " /queries/NAME: use GET or DELETE");
            }
        }
    }

    private void submit(HttpExchange x) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(x.getRequestBody());
        } catch (IOException e) {
            error(x, 400, "the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
            return;
        }
        if (body == null || !body.isObject() || !body.path("query").isTextual()) {
            error(x, 400, "the body must be {\"query\": TEXT, \"params\": {KEY: VALUE}}");
            return;
        }
        Map<String, String> params = new TreeMap<>();
        JsonNode p = body.path("params");
        if (!p.isMissingNode() && !p.isNull()) {
            if (!p.isObject()) {
                error(x, 400, "params must be an object of KEY: VALUE");
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    error(x, 400, "params." + e.getKey() + " must be a string or a number");
                    return;
                }
                params.put(e.getKey(), e.getValue().asText());
            }
        }
        JsonNode estimates = body.path("estimates");
        if (!estimates.isMissingNode() && !estimates.isNull() && !estimates.isBoolean()) {
            error(x, 400, "estimates must be true or false");
            return;
        }
        try {
            reply(x, 201, describe(core.queries().submit(body.get("query").asText(), params,
                    estimates.asBoolean(false))));
        } catch (QueryException e) {
            ObjectNode why = JSON.createObjectNode().put("error", e.getMessage());
            if (e.position().isKnown()) {
                why.put("line", e.position().line()).put("column", e.position().column());
            }
            reply(x, 400, why);
        } catch (StoreException e) {
            error(x, 500, e.getMessage());
        }
    }

    private ObjectNode describe(DeployedQuery q) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", q.name());
        n.put("version", q.version());
        n.put("mode", q.plan().mode().name().toLowerCase().replace('_', '-'));
        n.put("observation_point", q.plan().point().name().toLowerCase().replace('_', '-'));
        n.put("window_us", q.windowMicros());
        n.set("params", JSON.valueToTree(q.parameters()));
        n.put("allows_estimates", q.allowsEstimates());
        n.set("partial_columns", JSON.valueToTree(q.partialSchema().names()));
        n.set("result_columns", JSON.valueToTree(q.resultSchema().names()));
        n.put("text", q.text());
        n.put("explain", QueryPlacement.explain(q));
        n.put("switch_stage", QueryPlacement.switchStage(q));
        return n;
    }

    private void results(HttpExchange x) throws IOException {
        try (x) {
            if (!x.getRequestMethod().equals("GET")) {
                error(x, 405, x.getRequestMethod() + " /results/NAME: use GET");
                return;
            }
            String name = decode(x.getRequestURI().getPath().substring("/results/".length()));
            DeployedQuery q = core.queries().get(name);
            if (q == null && name.indexOf('.') > 0) {
                // A split's side output (split_processing.tcp): its windows are published under that name.
                DeployedQuery owner = core.queries().get(name.substring(0, name.indexOf('.')));
                q = owner != null && owner.resultSchemas().containsKey(name) ? owner : null;
            }
            if (q == null) {
                error(x, 404, "no query '" + name + "' runs");
                return;
            }
            if (!q.resultSchemas().containsKey(name)) {
                error(x, 404, "'" + name + "' publishes its side outputs: "
                        + String.join(", ", q.resultSchemas().keySet()));
                return;
            }
            int limit = Integer.MAX_VALUE;
            String query = x.getRequestURI().getQuery();
            if (query != null && query.startsWith("limit=")) {
                try {
                    limit = Integer.parseInt(query.substring("limit=".length()));
                } catch (NumberFormatException e) {
                    limit = -1;
                }
                if (limit < 1) {
                    error(x, 400, "limit must be a positive integer: " + query);
                    return;
                }
            }
            List<MergedWindow> windows = core.results().windows(name);
            ObjectNode out = JSON.createObjectNode();
            out.put("query", name);
            out.set("columns", JSON.valueToTree(q.resultSchemas().get(name).names()));
            ArrayNode ws = out.putArray("windows");
            for (MergedWindow w : windows.subList(Math.max(0, windows.size() - limit), windows.size())) {
                ws.add(ResultJson.window(JSON, w));
            }
            reply(x, 200, out);
        }
    }

    private void agents(HttpExchange x) throws IOException {
        try (x) {
            ArrayNode list = JSON.createArrayNode();
            for (AgentStatus a : core.agents().status()) {
                ObjectNode n = list.addObject();
                n.put("id", a.id());
                n.put("point", a.point());
                n.put("connected", a.connected());
            }
            reply(x, 200, list);
        }
    }

    private void switches(HttpExchange x) throws IOException {
        try (x) {
            ArrayNode list = JSON.createArrayNode();
            for (SwitchRuntime sw : core.switches().values()) {
                list.add(JSON.<ObjectNode>valueToTree(SwitchStatus.of(sw)));
            }
            reply(x, 200, list);
        }
    }

    private void metrics(HttpExchange x) throws IOException {
        try (x) {
            byte[] body = Metrics.prometheus(core).getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            x.sendResponseHeaders(200, body.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(body);
            }
        }
    }

    private void reduction(HttpExchange x) throws IOException {
        try (x) {
            if (!x.getRequestMethod().equals("GET")) {
                error(x, 405, x.getRequestMethod() + " /reduction: use GET");
                return;
            }
            reply(x, 200, ReductionJson.of(JSON, core.counters()));
        }
    }

    /** Everything no other route takes: the dashboard's files, or 404. */
    private void dashboard(HttpExchange x) throws IOException {
        try (x) {
            String method = x.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                error(x, 405, method + " " + x.getRequestURI().getPath() + ": use GET");
            } else if (!DashboardAssets.serve(x)) {
                error(x, 404, "no such resource: " + x.getRequestURI().getPath() + (DashboardAssets.built() ? ""
                        : " (this build has no dashboard: build web/ with npm, see docs/dashboard.md)"));
            }
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void error(HttpExchange x, int status, String why) throws IOException {
        reply(x, status, JSON.createObjectNode().put("error", why));
    }

    private static void reply(HttpExchange x, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
