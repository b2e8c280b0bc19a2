package org.intstream.agent.api;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.intstream.agent.measure.HeavyHitterReport;
import org.intstream.agent.measure.MeasurementCounter;
import org.intstream.agent.measure.MeasurementException;
import org.intstream.agent.measure.RealTimeReport;
import org.intstream.agent.measure.SketchTable;
import org.intstream.agent.probe.BandwidthMeasurement;
import org.intstream.agent.probe.BandwidthProbe;
import org.intstream.agent.probe.ProbeException;

/**
 * Carries out the API's messages against the agent's sketch table and bandwidth probe, independent of
 * HTTP. Bodies are what the seed's clients expect: a bare number as text, or a JSON object of key text to
 * number, which Python's {@code ast.literal_eval} reads as a dict.
 *
 * <p>Statuses: 200; 400 malformed or unknown message (the reason names the field); 404 no such sketch or
 * counter; 409 the agent's state forbids it (a counter of that key type with another increment, or the
 * sketch limit); 502 the bandwidth probe failed at the peer; 503 another probe kept this one waiting too
 * long.
 */
public final class MeasurementApi implements MessageHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SketchTable table;
    private final BandwidthProbe probe;
    private final Predicate<InetAddress> localAddress;
    private final Consumer<String> log;

    /**
     * @param localAddress tells whether an address is this host's, which a bandwidth query's {@code src}
     *     must be
     * @param log receives one line per change of configuration
     */
    public MeasurementApi(SketchTable table, BandwidthProbe probe, Predicate<InetAddress> localAddress,
            Consumer<String> log) {
        this.table = Objects.requireNonNull(table, "table can't be null");
        this.probe = Objects.requireNonNull(probe, "probe can't be null");
        this.localAddress = Objects.requireNonNull(localAddress, "localAddress can't be null");
        this.log = Objects.requireNonNull(log, "log can't be null");
    }

    /** Answers one message given as its fields. */
    @Override
    public ApiResponse handle(Map<String, String> fields) {
        try {
            return execute(ApiRequestParser.parse(fields));
        } catch (ApiException e) {
            return ApiResponse.error(e.status(), e.getMessage());
        } catch (MeasurementException e) {
            return ApiResponse.error(e.kind() == MeasurementException.Kind.NOT_FOUND ? 404 : 409, e.getMessage());
        }
    }

    ApiResponse execute(ApiRequest request) throws ApiException, MeasurementException {
        if (request instanceof ApiRequest.ConfigSketch r) {
            int id = table.addSketch(r.filter());
            log.accept("sketch " + id + " configured: " + r.filter());
            return ApiResponse.text(Integer.toString(id));
        }
        if (request instanceof ApiRequest.ConfigSketchCounter r) {
            boolean added = table.addCounter(r.sketchId(), r.keyType(), r.increment());
            if (added) {
                log.accept("sketch " + r.sketchId() + ": counter " + r.keyType().text() + " by "
                        + r.increment().text() + " configured");
            }
            return ApiResponse.text("OK");
        }
        if (request instanceof ApiRequest.QueryHeavyHitters r) {
            return heavyHitters(r);
        }
        if (request instanceof ApiRequest.QuerySketch r) {
            MeasurementCounter counter = table.counter(r.sketchId(), r.keyType());
            if (r.realTimeKeyNum()) {
                long now = table.nowMicros();
                RealTimeReport report = counter.realTime(now);
                return ApiResponse.text(Integer.toString(report.amounts().size()))
                        .withHeader("X-IntStream-Window-Millis", report.windowMicros() / 1000.0)
                        .withHeader("X-IntStream-Untracked-Packets", report.untrackedPackets());
            }
            return ApiResponse.text(Long.toString(counter.estimate(r.key())))
                    .withHeader("X-IntStream-Total", counter.total())
                    .withHeader("X-IntStream-Error-Bound", counter.errorBound());
        }
        if (request instanceof ApiRequest.QueryRealTimeCounter r) {
            RealTimeReport report = table.counter(r.sketchId(), r.keyType()).realTime(table.nowMicros());
            return ApiResponse.json(json(report.amounts()))
                    .withHeader("X-IntStream-Window-Millis", report.windowMicros() / 1000.0)
                    .withHeader("X-IntStream-Untracked-Packets", report.untrackedPackets());
        }
        if (request instanceof ApiRequest.QueryBandwidth r) {
            return bandwidth(r);
        }
        if (request instanceof ApiRequest.DeleteSketch r) {
            table.removeSketch(r.sketchId());
            log.accept("sketch " + r.sketchId() + " deleted");
            return ApiResponse.text("OK");
        }
        throw new AssertionError("unhandled request " + request);
    }

    private ApiResponse heavyHitters(ApiRequest.QueryHeavyHitters r) throws ApiException, MeasurementException {
        MeasurementCounter counter = table.counter(r.sketchId(), r.keyType());
        double threshold = Double.isNaN(r.threshold()) ? counter.heavyHitterFloor() : r.threshold();
        if (threshold < counter.heavyHitterFloor()) {
            throw ApiException.badField("threshold", threshold + " is below " + counter.heavyHitterFloor()
                    + ", the lowest this agent tracks heavy-hitter candidates for (its --heavy-hitter-fraction)");
        }
        HeavyHitterReport report = counter.heavyHitters(threshold);
        return ApiResponse.json(json(report.hitters()))
                .withHeader("X-IntStream-Total", report.total())
                .withHeader("X-IntStream-Error-Bound", report.errorBound())
                .withHeader("X-IntStream-Threshold", report.threshold());
    }

    private ApiResponse bandwidth(ApiRequest.QueryBandwidth r) throws ApiException {
        if (!localAddress.test(r.src())) {
            throw ApiException.badField("src", r.src().getHostAddress() + " is not an address of this host; send "
                    + "'query bw' to the agent on the src host, which measures by sending to dst");
        }
        try {
            BandwidthMeasurement m = probe.measure(r.src(), r.dst());
            log.accept(String.format(Locale.ROOT, "bandwidth %s -> %s: %.2f MBytes/s (%d bytes in %.1f ms)",
                    r.src().getHostAddress(), r.dst().getHostAddress(), m.megabytesPerSecond(), m.bytes(),
                    m.nanos() / 1e6));
            return ApiResponse.text(String.format(Locale.ROOT, "%.2f", m.megabytesPerSecond()))
                    .withHeader("X-IntStream-Probe-Bytes", m.bytes())
                    .withHeader("X-IntStream-Probe-Millis", String.format(Locale.ROOT, "%.3f", m.nanos() / 1e6));
        } catch (ProbeException e) {
            return ApiResponse.error(e.busy() ? 503 : 502, e.getMessage());
        }
    }

    private static String json(Map<String, Long> entries) {
        try {
            return JSON.writeValueAsString(entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings to numbers always serializes", e);
        }
    }
}
