package org.intstream.engine.wire;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of integers (a pair's packet timestamps) as a varint difference order (1 or 2) followed by zig-zag
 * varints of its first or second differences, whichever is shorter: a byte or two per sorted timestamp
 * instead of eleven, and steady keep-alives cost the least in second differences.
 */
public final class PackedIntegers {
    private PackedIntegers() {
    }

    /** Whether the list can be packed: not empty, and every element a Long. */
    public static boolean packable(List<?> list) {
        if (list.isEmpty()) {
            return false;
        }
        for (Object e : list) {
            if (!(e instanceof Long)) {
                return false;
            }
        }
        return true;
    }

    /** @throws ClassCastException for an element that is not a Long (see {@link #packable}) */
    public static byte[] pack(List<?> longs) {
        byte[] first = differences(longs, 1);
        byte[] second = differences(longs, 2);
        return second.length < first.length ? second : first;
    }

    private static byte[] differences(List<?> list, int order) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(list.size() * 2 + 1);
        Varints.write(out, order);
        long previous = 0;
        long previousDifference = 0;
        for (int i = 0; i < list.size(); i++) {
            long x = (Long) list.get(i);
            long d = x - previous;
            Varints.writeSigned(out, order == 1 || i == 0 ? d : d - previousDifference);
            // The first element's "difference" is itself; the second differences start after it.
            previousDifference = i == 0 ? 0 : d;
            previous = x;
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException for an unknown difference order or bytes cut short */
    public static List<Object> unpack(byte[] packed) {
        Varints.Reader in = new Varints.Reader(packed);
        List<Object> out = new ArrayList<>();
        try {
            long order = in.read();
            if (order != 1 && order != 2) {
                throw new IllegalArgumentException("packed integers of difference order " + order + ", not 1 or 2");
            }
            long previous = 0;
            long difference = 0;
            while (!in.atEnd()) {
                long v = in.readSigned();
                difference = order == 1 || out.isEmpty() ? v : difference + v;
                previous += difference;
                out.add(previous);
                if (out.size() == 1) {
                    difference = 0;
                }
            }
        } catch (Varints.CutShort e) {
            throw new IllegalArgumentException("packed integers cut short after " + out.size() + " values", e);
        }
        return out;
    }
}
