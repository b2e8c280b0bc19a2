package org.intstream.agent.measure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.intstream.engine.packet.Packet;

/**
 * The agent's sketches, by id (1, 2, … in order of configuration; ids are not reused). Packets from every
 * capture thread go through {@link #offer}; configuration and queries come from API threads.
 */
public final class SketchTable {
    private final CounterSettings settings;
    private final LongSupplier clockMicros;
    private final Map<Integer, MeasurementSketch> sketches = new LinkedHashMap<>();
    private volatile MeasurementSketch[] active = new MeasurementSketch[0];
    private int nextId = 1;

    /**
     * @param clockMicros the current time in microseconds since the epoch, on the clock of the packets'
     *     timestamps; it ends the real-time window at query time
     */
    public SketchTable(CounterSettings settings, LongSupplier clockMicros) {
        this.settings = java.util.Objects.requireNonNull(settings, "settings can't be null");
        this.clockMicros = java.util.Objects.requireNonNull(clockMicros, "clockMicros can't be null");
    }

    public CounterSettings settings() {
        return settings;
    }

    /** Now, on the packets' clock. */
    public long nowMicros() {
        return clockMicros.getAsLong();
    }

    /** Counts a decoded packet in every sketch whose filter it passes. */
    public void offer(Packet p) {
        for (MeasurementSketch sketch : active) {
            sketch.offer(p);
        }
    }

    /** Adds a sketch and returns its id. */
    public synchronized int addSketch(SketchFilter filter) throws MeasurementException {
        if (sketches.size() >= settings.maxSketches()) {
            throw new MeasurementException(MeasurementException.Kind.LIMIT, "this agent already holds "
                    + sketches.size() + " sketches, its maximum; delete one with 'delete sketch'");
        }
        int id = nextId++;
        sketches.put(id, new MeasurementSketch(id, filter));
        publish();
        return id;
    }

    /** Adds a counter to a sketch; true when it is new, false when the same counter already existed. */
    public boolean addCounter(int sketchId, CounterKeyType keyType, Increment increment) throws MeasurementException {
        return sketch(sketchId).addCounter(keyType, increment, settings);
    }

    public synchronized void removeSketch(int sketchId) throws MeasurementException {
        sketch(sketchId);
        sketches.remove(sketchId);
        publish();
    }

    public synchronized MeasurementSketch sketch(int sketchId) throws MeasurementException {
        MeasurementSketch sketch = sketches.get(sketchId);
        if (sketch == null) {
            throw new MeasurementException(MeasurementException.Kind.NOT_FOUND, "no sketch with id " + sketchId
                    + " (configured: " + (sketches.isEmpty() ? "none" : sketches.keySet().toString()) + ")");
        }
        return sketch;
    }

    /** The ids of the sketches held, in order of configuration. */
    public synchronized java.util.List<Integer> ids() {
        return java.util.List.copyOf(sketches.keySet());
    }

    public MeasurementCounter counter(int sketchId, CounterKeyType keyType) throws MeasurementException {
        return sketch(sketchId).counter(keyType);
    }

    private void publish() {
        active = sketches.values().toArray(new MeasurementSketch[0]);
    }
}
