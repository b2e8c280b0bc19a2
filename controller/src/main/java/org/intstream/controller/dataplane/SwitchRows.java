package org.intstream.controller.dataplane;

import java.util.ArrayList;
import java.util.List;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.engine.switchtwin.EpochSketch;
import org.intstream.query.partition.DistributedPlan;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.TupleMasks;
import org.intstream.query.plan.Column;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;
import org.intstream.query.type.Type;

/**
 * Turns the keys a switch slot reported in an epoch into rows of the query's partial columns, so they merge
 * with the agents' partials as one more observation point: each key column from the key's masked 5-tuple
 * value, the one remaining column (the count or byte sum) from the epoch's count-min estimate. Only stages
 * whose partial rows are exactly the key columns and one integer value fit, and candidate stages (an upper
 * bound the hosts must confirm) don't. Immutable.
 */
public final class SwitchRows {
    private static final int VALUE = -1;

    private final SwitchStage stage;
    private final List<Column> columns;
    /** Per partial column, the 5-tuple field (0 src .. 4 dport) it takes, or VALUE. */
    private final int[] fields;

    private SwitchRows(SwitchStage stage, List<Column> columns, int[] fields) {
        this.stage = stage;
        this.columns = columns;
        this.fields = fields;
    }

    /**
     * How a stage's reports become a query's partial rows.
     *
     * @throws IllegalArgumentException saying why the switch's results can't be merged with the query's partials
     */
    public static SwitchRows of(DeployedQuery query, SwitchStage stage) {
        if (stage.candidate()) {
            throw new IllegalArgumentException("its switch stage only bounds the answer from above (candidates the "
                    + "hosts confirm); it runs on the hosts");
        }
        if (query.plan().mode() == DistributedPlan.Mode.CENTRAL) {
            throw new IllegalArgumentException("it runs centrally");
        }
        List<Integer> keyFields = keyFields(stage.key());
        if (keyFields.size() != stage.keyColumns().size()) {
            throw new IllegalStateException("stage of " + stage.query() + ": key columns " + stage.keyColumns()
                    + " do not match its masks " + stage.key());
        }
        List<Column> columns = query.partialSchema().columns();
        int[] fields = new int[columns.size()];
        int values = 0;
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            int k = stage.keyColumns().indexOf(c.name());
            if (k >= 0) {
                fields[i] = keyFields.get(k);
                if (!fits(c.type(), fields[i])) {
                    throw new IllegalArgumentException("its partial column " + c + " can't hold the switch's key");
                }
            } else {
                fields[i] = VALUE;
                values++;
                if (c.type().kind() != Type.Kind.INT) {
                    throw new IllegalArgumentException("its partial column " + c + " is not the switch's integer count");
                }
            }
        }
        if (values != 1 || columns.size() != stage.keyColumns().size() + 1) {
            throw new IllegalArgumentException("its partial columns " + query.partialSchema()
                    + " are not the switch's key " + stage.keyColumns() + " and one count");
        }
        return new SwitchRows(stage, columns, fields);
    }

    public SwitchStage stage() {
        return stage;
    }

    /** One partial row per reported key, its value the epoch's estimate. */
    public List<Object[]> rows(Iterable<SlotHit> hits, EpochSketch sketch) {
        List<Object[]> rows = new ArrayList<>();
        for (SlotHit h : hits) {
            int[] k = h.key();
            rows.add(row(k, sketch.estimate(k[0], k[1], k[2], k[3], k[4])));
        }
        return rows;
    }

    /** The partial row of a key (masked 5-tuple) with its count. */
    public Object[] row(int[] key, long value) {
        Object[] row = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            row[i] = fields[i] == VALUE ? (Object) value : value(columns.get(i).type(), fields[i], key[fields[i]]);
        }
        return row;
    }

    private Object value(Type t, int field, int v) {
        if (t.kind() == Type.Kind.IP) {
            return IpAddress.v4(v);
        }
        if (t.kind() == Type.Kind.PREFIX) {
            int mask = field == 0 ? stage.key().src() : stage.key().dst();
            return IpPrefix.of(IpAddress.v4(v), Integer.bitCount(mask));
        }
        return Integer.toUnsignedLong(v);
    }

    private static boolean fits(Type t, int field) {
        switch (t.kind()) {
            case IP:
            case PREFIX:
                return field <= 1;
            case INT:
                return field >= 2;
            default:
                return false;
        }
    }

    private static List<Integer> keyFields(TupleMasks m) {
        int[] masks = {m.src(), m.dst(), m.proto(), m.sport(), m.dport()};
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < masks.length; i++) {
            if (masks[i] != 0) {
                out.add(i);
            }
        }
        return out;
    }
}
