package org.intstream.query.type;

/** Durations are microseconds; this class reads and writes their text form ({@code 5s}, {@code 250ms}). */
public final class Durations {
    private Durations() {
    }

    /** Parses {@code <digits><unit>} with unit us, ms, s, m, min or h; null if malformed or overflowing. */
    public static Long parse(String text) {
        int i = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 15) {
            return null;
        }
        long n = Long.parseLong(text.substring(0, i));
        long unit;
        switch (text.substring(i)) {
            case "us": unit = 1L; break;
            case "ms": unit = 1_000L; break;
            case "s": unit = 1_000_000L; break;
            case "m": case "min": unit = 60_000_000L; break;
            case "h": unit = 3_600_000_000L; break;
            default: return null;
        }
        if (n > Long.MAX_VALUE / unit) {
            return null;
        }
        return n * unit;
    }

    /** The shortest exact text for a number of microseconds: 5s, 250ms, 2m, 1h, 17us. */
    public static String format(long micros) {
        if (micros != 0) {
            if (micros % 3_600_000_000L == 0) {
                return micros / 3_600_000_000L + "h";
            }
            if (micros % 60_000_000L == 0) {
                return micros / 60_000_000L + "m";
            }
            if (micros % 1_000_000L == 0) {
                return micros / 1_000_000L + "s";
            }
            if (micros % 1_000L == 0) {
                return micros / 1_000L + "ms";
            }
        }
        return micros + "us";
    }
}
