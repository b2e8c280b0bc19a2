package org.intstream.agent.tree;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.intstream.agent.api.ApiException;
import org.intstream.agent.api.ApiRequest;
import org.intstream.agent.api.ApiRequestParser;
import org.intstream.agent.api.ApiResponse;
import org.intstream.agent.api.MeasurementApi;
import org.intstream.agent.api.MessageHandler;
import org.intstream.agent.measure.MeasurementException;

/**
 * The measurement API of an agent that has children in the overlay tree: configuration is done here as on
 * any agent and then sent down the subtree; {@code query heavy hitters}, {@code query sketch} and {@code query
 * real time counter} answer for the whole subtree, from this agent's counter merged with every connected
 * child's subtree counter. Everything else (bandwidth, malformed messages) is the agent's own API.
 *
 * <p>Headers say what the answer covers: {@code X-IntStream-Coverage} as answered/asked agents and
 * {@code X-IntStream-Missing} naming those (or the subtrees) that did not answer within the budget.
 */
public final class SubtreeMeasurementApi implements MessageHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MeasurementApi local;
    private final TreeSketches sketches;
    private final long budgetMillis;

    SubtreeMeasurementApi(MeasurementApi local, TreeSketches sketches, long budgetMillis) {
        this.local = local;
        this.sketches = sketches;
        this.budgetMillis = budgetMillis;
    }

    @Override
    public ApiResponse handle(Map<String, String> fields) {
        ApiRequest request;
        try {
            request = ApiRequestParser.parse(fields);
        } catch (ApiException e) {
            return local.handle(fields);
        }
        try {
            if (request instanceof ApiRequest.ConfigSketch) {
                ApiResponse r = local.handle(fields);
                if (r.status() == 200) {
                    sketches.localChanged(Integer.parseInt(r.body().strip()));
                }
                return r;
            }
            if (request instanceof ApiRequest.ConfigSketchCounter r) {
                return changed(local.handle(fields), r.sketchId());
            }
            if (request instanceof ApiRequest.DeleteSketch r) {
                return changed(local.handle(fields), r.sketchId());
            }
            if (request instanceof ApiRequest.QueryHeavyHitters r) {
                return heavyHitters(r, fields);
            }
            if (request instanceof ApiRequest.QuerySketch r) {
                SubtreeCounter c = sketches.gather(r.sketchId(), r.keyType(), budgetMillis);
                if (r.realTimeKeyNum()) {
                    return covered(ApiResponse.text(Integer.toString(c.realTimeKeys()))
                            .withHeader("X-IntStream-Window-Millis", c.realTimeWindowMicros() / 1000.0)
                            .withHeader("X-IntStream-Untracked-Packets", c.untrackedPackets()), c);
                }
                return covered(ApiResponse.text(Long.toString(c.estimate(r.key())))
                        .withHeader("X-IntStream-Total", c.total())
                        .withHeader("X-IntStream-Error-Bound", c.errorBound()), c);
            }
            if (request instanceof ApiRequest.QueryRealTimeCounter r) {
                SubtreeCounter c = sketches.gather(r.sketchId(), r.keyType(), budgetMillis);
                return covered(ApiResponse.json(json(c.realTime()))
                        .withHeader("X-IntStream-Window-Millis", c.realTimeWindowMicros() / 1000.0)
                        .withHeader("X-IntStream-Untracked-Packets", c.untrackedPackets()), c);
            }
        } catch (MeasurementException e) {
            return ApiResponse.error(e.kind() == MeasurementException.Kind.NOT_FOUND ? 404 : 409, e.getMessage());
        }
        return local.handle(fields);
    }

    private ApiResponse changed(ApiResponse r, int sketchId) {
        if (r.status() == 200) {
            sketches.localChanged(sketchId);
        }
        return r;
    }

    private ApiResponse heavyHitters(ApiRequest.QueryHeavyHitters r, Map<String, String> fields)
            throws MeasurementException {
        double floor = sketches.table().settings().heavyHitterFraction();
        double threshold = Double.isNaN(r.threshold()) ? floor : r.threshold();
        if (threshold < floor) {
            // The agent's own API refuses it, with its reason.
            return local.handle(fields);
        }
        SubtreeCounter c = sketches.gather(r.sketchId(), r.keyType(), budgetMillis);
        return covered(ApiResponse.json(json(c.heavyHitters(threshold)))
                .withHeader("X-IntStream-Total", c.total())
                .withHeader("X-IntStream-Error-Bound", c.errorBound())
                .withHeader("X-IntStream-Threshold", threshold), c);
    }

    private static ApiResponse covered(ApiResponse r, SubtreeCounter c) {
        r.withHeader("X-IntStream-Coverage", c.answered().size() + "/" + c.asked().size());
        java.util.Set<String> missing = new java.util.TreeSet<>(c.asked());
        missing.removeAll(c.answered());
        if (!missing.isEmpty()) {
            r.withHeader("X-IntStream-Missing", String.join(",", missing));
        }
        return r;
    }

    private static String json(Map<String, Long> entries) {
        try {
            return JSON.writeValueAsString(entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings to numbers always serializes", e);
        }
    }
}
