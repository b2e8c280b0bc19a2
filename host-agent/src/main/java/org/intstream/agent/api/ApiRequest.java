package org.intstream.agent.api;

import java.net.InetAddress;

import org.intstream.agent.measure.CounterKeyType;
import org.intstream.agent.measure.Increment;
import org.intstream.agent.measure.SketchFilter;

/** The messages of the measurement API, each with its fields checked and typed. */
public sealed interface ApiRequest {

    /** {@code config sketch}: adds a sketch; the answer is its id. */
    record ConfigSketch(SketchFilter filter) implements ApiRequest {
    }

    /** {@code config sketch counter}: adds a counter of one key type to a sketch. */
    record ConfigSketchCounter(int sketchId, CounterKeyType keyType, Increment increment) implements ApiRequest {
    }

    /**
     * {@code query heavy hitters}: the counter's heavy hitters as a JSON object.
     *
     * @param threshold the fraction of the total that makes a heavy hitter, or NaN for the agent's default
     */
    record QueryHeavyHitters(int sketchId, CounterKeyType keyType, double threshold) implements ApiRequest {
    }

    /**
     * {@code query sketch}: one key's count-min estimate, or with {@code counter_key=real_time_key_num} the
     * number of distinct keys in the real-time counter.
     *
     * @param key the packed key; meaningless when {@code realTimeKeyNum}
     */
    record QuerySketch(int sketchId, CounterKeyType keyType, long key, boolean realTimeKeyNum) implements ApiRequest {
    }

    /** {@code query real time counter}: the real-time counter's amounts per key, as a JSON object. */
    record QueryRealTimeCounter(int sketchId, CounterKeyType keyType) implements ApiRequest {
    }

    /** {@code query bw}: the available bandwidth from {@code src} (this host) to the agent at {@code dst}. */
    record QueryBandwidth(InetAddress src, InetAddress dst) implements ApiRequest {
    }

    /** {@code delete sketch}: removes a sketch and its counters. */
    record DeleteSketch(int sketchId) implements ApiRequest {
    }
}
