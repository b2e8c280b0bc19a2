package org.intstream.agent.measure;

import java.util.EnumMap;
import java.util.Map;

import org.intstream.engine.packet.Packet;

/**
 * A configured sketch: a filter and at most one counter per key type (queries name a counter by sketch id
 * and key type). Counters are added while packets flow, so the packet path reads a published array.
 */
public final class MeasurementSketch {
    private final int id;
    private final SketchFilter filter;
    private final Map<CounterKeyType, MeasurementCounter> counters = new EnumMap<>(CounterKeyType.class);
    private volatile MeasurementCounter[] active = new MeasurementCounter[0];

    MeasurementSketch(int id, SketchFilter filter) {
        this.id = id;
        this.filter = filter;
    }

    public int id() {
        return id;
    }

    public SketchFilter filter() {
        return filter;
    }

    void offer(Packet p) {
        MeasurementCounter[] counters = active;
        if (counters.length == 0 || !filter.matches(p)) {
            return;
        }
        for (MeasurementCounter counter : counters) {
            counter.offer(p);
        }
    }

    /**
     * Adds a counter; configuring the same key type again with the same increment keeps the existing one.
     *
     * @return true when a counter was added
     */
    synchronized boolean addCounter(CounterKeyType keyType, Increment increment, CounterSettings settings)
            throws MeasurementException {
        MeasurementCounter existing = counters.get(keyType);
        if (existing != null) {
            if (existing.increment() != increment) {
                throw new MeasurementException(MeasurementException.Kind.CONFLICT, "sketch " + id
                        + " already has a " + keyType.text() + " counter with increment "
                        + existing.increment().text() + "; a sketch has one counter per counter_key_type");
            }
            return false;
        }
        counters.put(keyType, new MeasurementCounter(keyType, increment, settings));
        active = counters.values().toArray(new MeasurementCounter[0]);
        return true;
    }

    /** The counters, in key-type order. */
    public synchronized java.util.List<MeasurementCounter> counters() {
        return java.util.List.copyOf(counters.values());
    }

    /** The counter of a key type. */
    public synchronized MeasurementCounter counter(CounterKeyType keyType) throws MeasurementException {
        MeasurementCounter counter = counters.get(keyType);
        if (counter == null) {
            throw new MeasurementException(MeasurementException.Kind.NOT_FOUND, "sketch " + id + " has no "
                    + keyType.text() + " counter (configure one with 'config sketch counter'); it has "
                    + (counters.isEmpty() ? "none" : counters.keySet().stream().map(CounterKeyType::text)
                            .collect(java.util.stream.Collectors.joining(", "))));
        }
        return counter;
    }
}
