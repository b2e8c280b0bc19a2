package org.intstream.query.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.intstream.query.plan.JoinNode;
import org.intstream.query.plan.ScanNode;

/**
 * A join still waiting for what to match on: equal columns ({@link #using}), a condition ({@link #on}), or
 * both (using, then {@link Join#on}).
 *
 * <pre>{@code
 * relation.leftJoin("tcp_rtt").using("src", "dst")     // | left join tcp_rtt using (src, dst)
 * relation.join("other").on(field("a").lt(field("b")))  // | join other on a < b
 * }</pre>
 */
public final class PendingJoin {
    private final WindowedRelation left;
    private final ScanNode right;
    private final JoinNode.Type type;

    PendingJoin(WindowedRelation left, ScanNode right, JoinNode.Type type) {
        this.left = left;
        this.right = right;
        this.type = type;
    }

    /** Matches the rows whose columns of these names are equal on both sides. */
    public Join using(String first, String... more) {
        Objects.requireNonNull(more, "join columns can't be null");
        List<String> columns = new ArrayList<>();
        columns.add(Names.ident(first, "join column"));
        for (String c : more) {
            columns.add(Names.ident(c, "join column"));
        }
        return new Join(left.query, new JoinNode(left.plan, right, type, columns, null, null), left.branch);
    }

    /** Matches the pairs of rows for which {@code condition} is true. */
    public WindowedRelation on(Expression condition) {
        return new WindowedRelation(left.query, new JoinNode(left.plan, right, type, List.of(),
                left.resolve(condition, "join condition"), null), left.branch);
    }
}
