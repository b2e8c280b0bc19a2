package org.intstream.engine.record;

import java.util.List;
import org.intstream.query.plan.Column;
import org.intstream.query.plan.Schema;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;
import org.intstream.query.type.Type;

/**
 * Checks that a row from the network holds the Java values the engine expects for its columns: the controller
 * checks agents' partial rows, and an overlay-tree parent its children's before it merges them (a count that
 * is no number must be refused when it arrives, not found when the window is merged with other members' rows).
 */
public final class RowTypes {
    private RowTypes() {
    }

    /** Null when the row fits the schema, else what is wrong. */
    public static String mismatch(Schema schema, Object[] row) {
        if (row.length != schema.size()) {
            return "a row has " + row.length + " values, the partial columns are " + schema;
        }
        for (int i = 0; i < row.length; i++) {
            Column c = schema.columns().get(i);
            if (row[i] != null && !fits(c.type(), row[i])) {
                return "column " + c.name() + " (" + c.type() + ") holds a " + row[i].getClass().getSimpleName();
            }
        }
        return null;
    }

    private static boolean fits(Type t, Object v) {
        switch (t.kind()) {
            case INT:
            case TIMESTAMP:
            case DURATION:
                return v instanceof Long;
            case FLOAT:
                return v instanceof Double;
            case STRING:
                return v instanceof String;
            case BOOL:
                return v instanceof Boolean;
            case IP:
                return v instanceof IpAddress;
            case PREFIX:
                return v instanceof IpPrefix;
            case LIST:
                if (!(v instanceof List)) {
                    return false;
                }
                for (Object e : (List<?>) v) {
                    if (e != null && !fits(t.element(), e)) {
                        return false;
                    }
                }
                return true;
            default:
                return true;
        }
    }
}
