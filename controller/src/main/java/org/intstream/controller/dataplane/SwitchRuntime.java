package org.intstream.controller.dataplane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.engine.switchtwin.EpochSketch;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.SwitchStageExtractor;
import org.intstream.query.switchgen.SlotProgram;

/**
 * One switch as an observation point of the running queries. A query whose switch stage fits (and whose
 * partial rows the switch can produce, see {@link SwitchRows}) is installed in a slot; its reports are
 * decoded into keys per epoch; once the switch's clock has passed an epoch's end (plus a delay for reports
 * still on their way) the slot's counters are read, and the epoch's sketch and keys go to
 * {@link NetworkWideThresholds}, which combines them with the other switches' into partial reports of reporter
 * {@code switch:NAME}. With {@code k} switches a slot reports keys over {@link LocalThreshold} {@code T/k}:
 * candidates of the network-wide decision. A query that does not fit is not installed and the reason is kept.
 * Thread-safe.
 */
public final class SwitchRuntime {
    public static final String REPORTER_PREFIX = "switch:";

    private final SwitchLink link;
    private final SwitchClock clock;
    private final long readDelayMicros;
    private final IntSupplier points;
    private final Map<String, Placed> placed = new LinkedHashMap<>();
    private final Map<String, String> refused = new LinkedHashMap<>();
    private long reports;
    private long malformedReports;
    private long lateKeys;
    private long epochsRead;
    private String lastError;

    /** A switch that alone sees the packets of its queries' keys. */
    public SwitchRuntime(SwitchLink link, SwitchClock clock, long readDelayMicros) {
        this(link, clock, readDelayMicros, () -> 1);
    }

    /**
     * @param readDelayMicros how long after an epoch's end its reports may still arrive
     * @param points how many switches may each see part of a key's packets now ({@code k}); when it changes,
     *     the queries installed here are installed again with the new local threshold
     */
    public SwitchRuntime(SwitchLink link, SwitchClock clock, long readDelayMicros, IntSupplier points) {
        if (readDelayMicros < 0) {
            throw new IllegalArgumentException("the read delay can't be negative: " + readDelayMicros);
        }
        this.link = link;
        this.clock = clock;
        this.readDelayMicros = readDelayMicros;
        this.points = points;
    }

    public String name() {
        return link.name();
    }

    /** The reporter id of this switch in merged windows. */
    public String reporter() {
        return REPORTER_PREFIX + link.name();
    }

    /** Why an exact query is not installed on a switch. */
    public static final String NOT_ESTIMATING = "not installed: the query is exact and a switch slot estimates "
            + "(count-min); submitted with estimates allowed, the switch's estimates would stand in for its exact counts";

    /**
     * Installs the query's switch stage when the query allows estimates (its own or its submitter's error
     * budget) and has a stage that fits; otherwise keeps why not.
     */
    public synchronized void deploy(DeployedQuery q) {
        Placed running = placed.get(q.name());
        if (running != null && running.query.version() == q.version()) {
            return; // deployed already (a switch added while the query was being deployed)
        }
        if (running != null) {
            undeploy(running.query);
        }
        refused.remove(q.name());
        if (!q.allowsEstimates()) {
            // A slot counts in a count-min sketch: its values are estimates, which an exact query can't take.
            refused.put(q.name(), NOT_ESTIMATING);
            return;
        }
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
        install(q, rows, Math.max(1, points.getAsInt()));
    }

    /** Writes the stage with the local threshold of {@code k} switches. */
    private void install(DeployedQuery q, SwitchRows rows, int k) {
        SwitchStage stage = rows.stage();
        long local = LocalThreshold.of(stage.threshold(), k);
        SlotProgram program;
        try {
            program = link.install(stage.withThreshold(local));
        } catch (RuntimeException e) {
            refused.put(q.name(), "not installed: " + e.getMessage());
            return;
        }
        long epoch = Math.floorDiv(clock.nowMicros(), stage.windowMicros());
        placed.put(q.name(), new Placed(q, rows, program.slot(), epoch, k, local));
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
     * each one's sketch and reported keys. A read that fails is retried at the next call. Once a query has no
     * ended epoch left to read and the number of switches has changed, it is installed again with the new
     * local threshold (its current epoch then counts as incomplete).
     */
    synchronized List<SwitchEpoch> readEndedEpochs() {
        long now = clock.nowMicros();
        List<SwitchEpoch> out = new ArrayList<>();
        int k = Math.max(1, points.getAsInt());
        ClockCalibration calibration = clock.calibration();
        String clockNote = calibration == null ? null : calibration.note(name());
        for (Placed p : new ArrayList<>(placed.values())) {
            long window = p.rows.stage().windowMicros();
            while ((p.nextEpoch + 1) * window + readDelayMicros <= now) {
                EpochSketch sketch;
                try {
                    sketch = link.readEpoch(p.query.name(), p.nextEpoch);
                } catch (RuntimeException e) {
                    lastError = "reading " + p.query.name() + " epoch " + p.nextEpoch + ": " + e.getMessage();
                    break;
                }
                Set<SlotHit> hits = p.hits.remove(p.nextEpoch);
                List<int[]> keys = new ArrayList<>();
                if (hits != null) {
                    for (SlotHit h : hits) {
                        keys.add(h.key());
                    }
                }
                out.add(new SwitchEpoch(name(), reporter(), p.query, p.rows, p.nextEpoch, sketch, keys,
                        p.nextEpoch != p.installEpoch, clockNote));
                epochsRead++;
                p.nextEpoch++;
            }
            if (p.points != k && Math.floorDiv(now, window) == p.nextEpoch) {
                retune(p, k);
            }
        }
        return out;
    }

    private void retune(Placed p, int k) {
        placed.remove(p.query.name());
        try {
            link.remove(p.query.name());
        } catch (RuntimeException e) {
            lastError = "removing " + p.query.name() + " to install it for " + k + " switches: " + e.getMessage();
            placed.put(p.query.name(), p);
            return;
        }
        install(p.query, p.rows, k);
    }

    /**
     * Whether this switch's reading of the query's epoch is part of the network-wide count: it runs that version
     * and was installed by then (a switch that installed it later never reads the epoch).
     */
    synchronized boolean covers(String query, long version, long epoch) {
        Placed p = placed.get(query);
        return p != null && p.query.version() == version && p.installEpoch <= epoch;
    }

    /** Records a failure found while combining this switch's readings with the others'. */
    synchronized void noteError(String error) {
        lastError = error;
    }

    /** Per query, its slot ("slot N") or why it does not run here, in deployment order. */
    public synchronized Map<String, String> queries() {
        Map<String, String> out = new TreeMap<>();
        for (Placed p : placed.values()) {
            out.put(p.query.name(), "slot " + p.slot + (p.points == 1 ? "" : ", reports over " + p.localThreshold
                    + " (" + p.rows.stage().threshold() + " network-wide over " + p.points + " switches)"));
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

    /** The latest measurement of the switch's clock, or null when its offset was given rather than measured. */
    public ClockCalibration clockCalibration() {
        return clock.calibration();
    }

    /** Why the latest measurement of the switch's clock failed (the previous offset stays), or null. */
    public String clockProblem() {
        return clock.problem();
    }

    /** The latest failure talking to the switch or reading a report, or null. */
    public synchronized String lastError() {
        return lastError;
    }

    /**
     * A query installed here: its slot, the number of switches its local threshold is for, the next epoch to
     * read, the keys reported per epoch.
     */
    private static final class Placed {
        final DeployedQuery query;
        final SwitchRows rows;
        final int slot;
        final long installEpoch;
        final int points;
        final long localThreshold;
        long nextEpoch;
        final Map<Long, Set<SlotHit>> hits = new TreeMap<>();

        Placed(DeployedQuery query, SwitchRows rows, int slot, long installEpoch, int points, long localThreshold) {
            this.query = query;
            this.rows = rows;
            this.slot = slot;
            this.installEpoch = installEpoch;
            this.points = points;
            this.localThreshold = localThreshold;
            this.nextEpoch = installEpoch;
        }
    }
}
