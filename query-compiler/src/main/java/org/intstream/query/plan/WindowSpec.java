package org.intstream.query.plan;

import java.util.Objects;
import org.intstream.query.SourcePosition;
import org.intstream.query.expr.Expr;

/**
 * How a window operator turns a stream into a relation.
 * <ul>
 *   <li>TUMBLING size: consecutive windows {@code [k*size, (k+1)*size)}, aligned to the Unix epoch.</li>
 *   <li>SLIDING size every slide: windows {@code [k*slide, k*slide + size)}.</li>
 *   <li>RANGE size [slide] (CQL {@code [Range T]}, {@code [Range T Slide L]}): at instant τ the tuples of
 *   (τ − T, τ]; with a slide, of (b − T, b] for the latest multiple b of L (docs/cql.md).</li>
 *   <li>NOW, ROWS n, UNBOUNDED: CQL's other windows.</li>
 * </ul>
 */
public final class WindowSpec {

    /** The window kinds. */
    public enum Kind { TUMBLING, SLIDING, RANGE, NOW, ROWS, UNBOUNDED }

    private final Kind kind;
    private final Expr size;
    private final Expr slide;
    private final SourcePosition position;

    private WindowSpec(Kind kind, Expr size, Expr slide, SourcePosition position) {
        this.kind = kind;
        this.size = size;
        this.slide = slide;
        this.position = position == null ? SourcePosition.UNKNOWN : position;
    }

    public static WindowSpec tumbling(Expr size, SourcePosition position) {
        return new WindowSpec(Kind.TUMBLING, Objects.requireNonNull(size, "window size can't be null"), null, position);
    }

    public static WindowSpec sliding(Expr size, Expr slide, SourcePosition position) {
        return new WindowSpec(Kind.SLIDING, Objects.requireNonNull(size, "window size can't be null"),
                Objects.requireNonNull(slide, "window slide can't be null"), position);
    }

    public static WindowSpec range(Expr size, SourcePosition position) {
        return new WindowSpec(Kind.RANGE, Objects.requireNonNull(size, "window range can't be null"), null, position);
    }

    /** CQL {@code [Range T Slide L]}: at each multiple b of L, the tuples of (b − T, b]. */
    public static WindowSpec range(Expr size, Expr slide, SourcePosition position) {
        return new WindowSpec(Kind.RANGE, Objects.requireNonNull(size, "window range can't be null"),
                Objects.requireNonNull(slide, "window slide can't be null"), position);
    }

    public static WindowSpec now(SourcePosition position) {
        return new WindowSpec(Kind.NOW, null, null, position);
    }

    public static WindowSpec rows(Expr count, SourcePosition position) {
        return new WindowSpec(Kind.ROWS, Objects.requireNonNull(count, "row count can't be null"), null, position);
    }

    public static WindowSpec unbounded(SourcePosition position) {
        return new WindowSpec(Kind.UNBOUNDED, null, null, position);
    }

    public Kind kind() {
        return kind;
    }

    /** The size (a duration), or the row count for ROWS; null for NOW and UNBOUNDED. */
    public Expr size() {
        return size;
    }

    /** The slide of a SLIDING window, else null. */
    public Expr slide() {
        return slide;
    }

    public SourcePosition position() {
        return position;
    }

    public WindowSpec withExprs(Expr newSize, Expr newSlide) {
        return new WindowSpec(kind, newSize, newSlide, position);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowSpec && ((WindowSpec) o).kind == kind && Objects.equals(((WindowSpec) o).size, size)
                && Objects.equals(((WindowSpec) o).slide, slide);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, size, slide);
    }

    @Override
    public String toString() {
        switch (kind) {
            case TUMBLING: return "tumbling " + size;
            case SLIDING: return "sliding " + size + " every " + slide;
            case RANGE: return "range " + size + (slide == null ? "" : " slide " + slide);
            case ROWS: return "rows " + size;
            default: return kind.name().toLowerCase();
        }
    }
}
