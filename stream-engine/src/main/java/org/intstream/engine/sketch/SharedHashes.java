package org.intstream.engine.sketch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One {@link SketchHashes} per key layout for the sketches of one engine: queries that sketch the same fields
 * of a packet (two count-min sketches by {@code ip.src}, a sketch and its Bloom filter) then hash each key once,
 * as SketchHashes keeps the last key's hashes. Not thread-safe, like the engine that owns it.
 */
public final class SharedHashes {
    private final Map<List<Integer>, SketchHashes> byLayout = new HashMap<>();

    /** The hashes for keys of fields with these bit widths. */
    public SketchHashes forWidths(int[] fieldWidths) {
        List<Integer> layout = IntStream.of(fieldWidths).boxed().collect(Collectors.toList());
        return byLayout.computeIfAbsent(layout, k -> new SketchHashes(fieldWidths));
    }
}
