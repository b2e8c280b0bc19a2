package org.intstream.query.plan;

import java.util.List;
import org.intstream.query.type.Type;

/**
 * The columns of a {@code sketch} result, one row per window: the sketched total, the sketch's shape, its
 * additive error bound, the confidence of that bound, the top keys with their estimates, and the counters.
 */
public final class SketchColumns {
    public static final String ROWS = "rows";
    public static final String WIDTH = "width";
    public static final String ERROR_BOUND = "error_bound";
    public static final String CONFIDENCE = "confidence";
    public static final String TOP = "top";
    public static final String SKETCH = "sketch";

    private SketchColumns() {
    }

    /** {@code total} is the name the query gave the sketched value (the window's exact total). */
    public static Schema schema(String total) {
        return Schema.of(List.of(
                new Column(total, Type.INT),
                new Column(ROWS, Type.INT),
                new Column(WIDTH, Type.INT),
                new Column(ERROR_BOUND, Type.INT),
                new Column(CONFIDENCE, Type.FLOAT),
                new Column(TOP, Type.listOf(Type.STRING)),
                new Column(SKETCH, Type.SKETCH)));
    }
}
