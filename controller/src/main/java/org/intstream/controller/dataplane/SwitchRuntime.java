package org.intstream.controller.dataplane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.controller.merge.PartialReport;
import org.intstream.engine.switchtwin.EpochSketch;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.SwitchStageExtractor;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.query.switchgen.SlotProgram;

/**
 * One switch as an observation point of the running queries. A query whose switch stage fits (and whose
 * partial rows the switch can produce, see {@link SwitchRows}) is installed in a slot; its reports are
 * decoded into keys per epoch; once the switch's clock has passed an epoch's end (plus a delay for reports
 * still on their way) the slot's counters are read and the epoch's keys become a partial report of
 * reporter {@code switch:NAME}, each key valued by the epoch's count-min estimate. A query that does not
 * fit is not installed and the reason is kept. Thread-safe.
 */
public final class SwitchRuntime {
    public static final String REPORTER_PREFIX = "switch:";

    private final SwitchLink link;
    private final SwitchClock clock;
    private final long readDelayMicros;
    private final Map<String, Placed> placed = new LinkedHashMap<>();
    private final Map<String, String> refused = new LinkedHashMap<>();
    private long reports;
    private long malformedReports;
    private long lateKeys;
    private long epochsRead;
    private long sequence;
    private String lastError;

    /** @param readDelayMicros how long after an epoch's end its reports may still arrive */
    public SwitchRuntime(SwitchLink link, SwitchClock clock, long readDelayMicros) {
        if (readDelayMicros < 0) {
            throw new IllegalArgumentException("the read delay can't be negative: " + readDelayMicros);
        }
        this.link = link;
        this.clock = clock;
        this.readDelayMicros = readDelayMicros;
    }

    public String name() {
        return link.name();
    }

    /** The reporter id of this switch in merged windows. */
    public String reporter() {
        return REPORTER_PREFIX + link.name();
    }

    /** Installs the query's switch stage when it has one that fits; otherwise keeps why not. */
    public synchronized void deploy(DeployedQuery q) {
        Placed running = placed.get(q.name());
        if (running != null && running.query.version() == q.version()) {
            return; // deployed already (a switch added while the query was being deployed)
        }
        refused.remove(q.name());
        SwitchStage stage;
        try {
            QueryDefinition def = DslParser.parse(q.text()).get(0);
            stage = SwitchStageExtractor.extract(def, q.parameters());
        } catch (QueryException e) {
            refused.put(q.name(), "no switch stage: " + e.getMessage());
            return;
        }
        SwitchRows rows;
        try {
            rows = SwitchRows.of(q, stage);
        } catch (IllegalArgumentException e) {
            refused.put(q.name(), "not merged from switches: " + e.getMessage());
            return;
        }
        SlotProgram program;
        try {
            program = link.install(stage);
        } catch (RuntimeException e) {
            refused.put(q.name(), "not installed: " + e.getMessage());
            return;
        }
        long epoch = Math.floorDiv(clock.nowMicros(), stage.windowMicros());
        placed.put(q.name(), new Placed(q, rows, program.slot(), epoch));
    }

    /** Removes the query's stage from the switch if it was installed. */
    public synchronized void undeploy(DeployedQuery q) {
        refused.remove(q.name());
        Placed p = placed.get(q.name());
        if (p == null || p.query.version() != q.version()) {
            return;
        }
        placed.remove(q.name());
        try {
            link.remove(q.name());
        } catch (RuntimeException e) {
            lastError = "removing " + q.name() + ": " + e.getMessage();
        }
    }

    /** Whether the query runs on this switch. */
    public synchronized boolean runs(String query) {
        return placed.containsKey(query);
    }

    /** A report packet-in: its keys are kept for their epochs; a malformed one is counted and dropped. */
    public void onReport(byte[] payload) {
        List<SlotHit> hits;
        long stamp;
        try {
            stamp = SwitchReportFrame.parse(payload).timestampMicros();
            hits = link.decode(payload);
        } catch (MalformedReportException e) {
            synchronized (this) {
                malformedReports++;
                lastError = "report: " + e.getMessage();
            }
            return;
        }
        synchronized (this) {
            reports++;
            for (SlotHit h : hits) {
                Placed p = placed.get(h.query());
                if (p == null || p.slot != h.slot()) {
                    continue;
                }
                if (h.epoch() < p.nextEpoch) {
                    lateKeys++;
                } else {
                    p.hits.computeIfAbsent(h.epoch(), e -> new LinkedHashSet<>()).add(h);
                }
            }
            // Only once its keys are kept may the report move the clock (and let their epoch be read).
            clock.reported(stamp);
        }
    }

    /**
     * Reads every epoch whose end (plus the read delay) the switch's clock has passed, in order, and returns
     * their partial reports. A read that fails is retried at the next call.
     */
    public synchronized List<PartialReport> advance() {
        long now = clock.nowMicros();
        List<PartialReport> out = new ArrayList<>();
        for (Placed p : placed.values()) {
            long window = p.rows.stage().windowMicros();
            while ((p.nextEpoch + 1) * window + readDelayMicros <= now) {
                EpochSketch sketch;
                try {
                    sketch = link.readEpoch(p.query.name(), p.nextEpoch);
                } catch (RuntimeException e) {
                    lastError = "reading " + p.query.name() + " epoch " + p.nextEpoch + ": " + e.getMessage();
                    break;
                }
                Set<SlotHit> keys = p.hits.remove(p.nextEpoch);
                List<Object[]> rows = p.rows.rows(keys == null ? List.of() : keys, sketch);
                long start = p.nextEpoch * window;
                out.add(new PartialReport(reporter(), p.query.name(), p.query.version(), ++sequence, start,
                        start + window, rows, p.nextEpoch != p.installEpoch, sketch.totalPackets(), bytes(sketch), 0,
                        true, List.of("switch " + name() + ": values are count-min estimates")));
                epochsRead++;
                p.nextEpoch++;
            }
        }
        return out;
    }

    private static long bytes(EpochSketch s) {
        long sum = 0;
        for (int cell = 0; cell < IntStreamP4.SKETCH_WIDTH; cell++) {
            sum += s.bytes(0, cell);
        }
        return sum;
    }

    /** Per query, its slot ("slot N") or why it does not run here, in deployment order. */
    public synchronized Map<String, String> queries() {
        Map<String, String> out = new TreeMap<>();
        for (Placed p : placed.values()) {
            out.put(p.query.name(), "slot " + p.slot);
        }
        out.putAll(refused);
        return out;
    }

    public synchronized long reports() {
        return reports;
    }

    public synchronized long malformedReports() {
        return malformedReports;
    }

    /** Keys reported for an epoch that was already read (published without them). */
    public synchronized long lateKeys() {
        return lateKeys;
    }

    public synchronized long epochsRead() {
        return epochsRead;
    }

    /** The latest failure talking to the switch or reading a report, or null. */
    public synchronized String lastError() {
        return lastError;
    }

    /** A query installed here: its slot, the next epoch to read, the keys reported per epoch. */
    private static final class Placed {
        final DeployedQuery query;
        final SwitchRows rows;
        final int slot;
        final long installEpoch;
        long nextEpoch;
        final Map<Long, Set<SlotHit>> hits = new TreeMap<>();

        Placed(DeployedQuery query, SwitchRows rows, int slot, long installEpoch) {
            this.query = query;
            this.rows = rows;
            this.slot = slot;
            this.installEpoch = installEpoch;
            this.nextEpoch = installEpoch;
        }
    }
}
