package org.intstream.query.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.intstream.query.plan.NamedExpr;

/**
 * A sketch whose sketched value is known ({@link WindowedRelation#sketch}) and that needs its keys next:
 * {@code .sketch(Aggregates.count().as("packets")).by(field("ip.src").as("src")).using(Approx.countMin(3, 4096))}.
 */
public final class PendingSketch {
    private final WindowedRelation in;
    private final NamedExpr value;

    PendingSketch(WindowedRelation in, NamedExpr value) {
        this.in = in;
        this.value = value;
    }

    /** The keys whose values the sketch counts. */
    public KeyedSketch by(Selectable first, Selectable... more) {
        Objects.requireNonNull(first, "sketch key can't be null");
        Objects.requireNonNull(more, "sketch keys can't be null");
        Set<String> seen = new TreeSet<>();
        seen.add(value.name());
        List<Selectable> all = new ArrayList<>();
        all.add(first);
        for (int i = 0; i < more.length; i++) {
            all.add(Objects.requireNonNull(more[i], "sketch key " + (i + 2) + " can't be null"));
        }
        return new KeyedSketch(in, value, in.columns(all, false, "sketch key", seen));
    }
}
