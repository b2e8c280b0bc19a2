package org.intstream.query.api;

import java.time.Duration;
import java.util.Objects;
import org.intstream.query.plan.WindowSpec;

/**
 * How {@link TupleStream#window} turns a stream into a relation:
 *
 * <pre>{@code
 * stream.window(Windows.tumbling(Duration.ofSeconds(10)))              // window tumbling 10s
 * stream.window(Windows.tumbling(Exprs.param("window")))               // window tumbling window
 * stream.window(Windows.sliding(Duration.ofSeconds(10), Duration.ofSeconds(2)))  // window sliding 10s every 2s
 * }</pre>
 *
 * Immutable.
 */
public final class Windows {
    private final Expression size;
    private final Expression slide;

    private Windows(Expression size, Expression slide) {
        this.size = size;
        this.slide = slide;
    }

    /** Consecutive windows of {@code size} (a duration), aligned to the Unix epoch. */
    public static Windows tumbling(Expression size) {
        return new Windows(Objects.requireNonNull(size, "window size can't be null"), null);
    }

    public static Windows tumbling(Duration size) {
        return tumbling(Exprs.lit(nonNull(size, "window size")));
    }

    /** Windows of {@code size} starting every {@code slide}. */
    public static Windows sliding(Expression size, Expression slide) {
        return new Windows(Objects.requireNonNull(size, "window size can't be null"),
                Objects.requireNonNull(slide, "window slide can't be null"));
    }

    public static Windows sliding(Duration size, Duration slide) {
        return sliding(Exprs.lit(nonNull(size, "window size")), Exprs.lit(nonNull(slide, "window slide")));
    }

    private static Duration nonNull(Duration d, String what) {
        return Objects.requireNonNull(d, what + " can't be null");
    }

    Expression size() {
        return size;
    }

    /** The slide of a sliding window, null for a tumbling one. */
    Expression slide() {
        return slide;
    }

    WindowSpec spec(Resolver resolver) {
        return slide == null ? WindowSpec.tumbling(resolver.resolve(size, "window size"), null)
                : WindowSpec.sliding(resolver.resolve(size, "window size"), resolver.resolve(slide, "window slide"),
                        null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Windows && ((Windows) o).size.equals(size) && Objects.equals(((Windows) o).slide, slide);
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, slide);
    }

    @Override
    public String toString() {
        return slide == null ? "tumbling " + size : "sliding " + size + " every " + slide;
    }
}
