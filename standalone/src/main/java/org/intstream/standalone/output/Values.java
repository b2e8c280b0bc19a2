package org.intstream.standalone.output;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.intstream.engine.sketch.SketchValue;

/** How result values and times read as text. */
final class Values {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private Values() {
    }

    /** Microseconds since the epoch as milliseconds: a whole number when it is one, else with three decimals. */
    static Number epochMillis(long micros) {
        return micros % 1000 == 0 ? (Number) (micros / 1000) : (Number) BigDecimal.valueOf(micros, 3);
    }

    /** UTC date and time with milliseconds. */
    static String time(long micros) {
        return TIME.format(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L));
    }

    /** A value for text output: numbers plainly, floats with up to 6 decimals, lists and sketches summarised. */
    static String text(Object v, int maxListItems) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Double) {
            double d = (Double) v;
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return String.valueOf(d);
            }
            return BigDecimal.valueOf(d).setScale(6, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        }
        if (v instanceof List) {
            List<?> l = (List<?>) v;
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                if (i == maxListItems && l.size() > maxListItems + 1) {
                    sb.append(", … ").append(l.size() - maxListItems).append(" more");
                    break;
                }
                sb.append(i == 0 ? "" : ", ").append(text(l.get(i), maxListItems));
            }
            return sb.append(']').toString();
        }
        if (v instanceof SketchValue) {
            SketchValue s = (SketchValue) v;
            return "countmin " + s.rows() + "x" + s.width();
        }
        return v.toString();
    }
}
