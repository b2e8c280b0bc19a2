package org.intstream.onos.gui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.controller.runtime.ControllerCore;
import org.intstream.onos.IntStreamRuntimeService;
import org.onosproject.ui.RequestHandler;
import org.onosproject.ui.UiMessageHandler;

/**
 * The telemetry view's requests over ONOS's GUI web socket. The page polls once a second, as the standalone
 * dashboard polls the REST API, and gets the same messages (docs/dashboard.md): {@code intstreamTelemetry}
 * answers with the queries, agents, switches and data reduction; {@code intstreamResults} with one query's
 * latest windows, what the shared result chart draws.
 */
public class TelemetryViewMessageHandler extends UiMessageHandler {
    static final String TELEMETRY_REQ = "intstreamTelemetryDataRequest";
    static final String TELEMETRY_RESP = "intstreamTelemetryDataResponse";
    static final String RESULTS_REQ = "intstreamResultsRequest";
    static final String RESULTS_RESP = "intstreamResultsResponse";
    /** Windows a chart shows unless the page asks for another number (the dashboard's default). */
    static final int DEFAULT_LIMIT = 30;

    @Override
    protected Collection<RequestHandler> createRequestHandlers() {
        return List.of(new TelemetryRequestHandler(), new ResultsRequestHandler());
    }

    private ControllerCore core() {
        return get(IntStreamRuntimeService.class).core();
    }

    /** {queries, agents, switches, reduction}. */
    final class TelemetryRequestHandler extends RequestHandler {
        TelemetryRequestHandler() {
            super(TELEMETRY_REQ);
        }

        @Override
        public void process(ObjectNode payload) {
            ControllerCore core = core();
            ObjectNode out = objectNode();
            ArrayNode queries = out.putArray("queries");
            for (DeployedQuery q : core.queries().list()) {
                queries.add(DashboardMessages.query(q));
            }
            out.set("agents", DashboardMessages.agents(core));
            out.set("switches", DashboardMessages.switches(core));
            out.set("reduction", DashboardMessages.reduction(core.counters()));
            sendMessage(TELEMETRY_RESP, out);
        }
    }

    /** {query, columns, windows}, or {query, error} for a query that does not run (removed meanwhile). */
    final class ResultsRequestHandler extends RequestHandler {
        ResultsRequestHandler() {
            super(RESULTS_REQ);
        }

        @Override
        public void process(ObjectNode payload) {
            String name = string(payload, "query", "");
            int limit = payload.path("limit").asInt(DEFAULT_LIMIT);
            ObjectNode out;
            try {
                out = DashboardMessages.results(core(), name, limit);
            } catch (IllegalArgumentException e) {
                out = objectNode();
                out.put("query", name);
                out.put("error", e.getMessage());
            }
            sendMessage(RESULTS_RESP, out);
        }
    }
}
