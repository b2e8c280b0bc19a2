package org.intstream.engine.cql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.intstream.query.plan.Column;
import org.intstream.query.plan.Schema;

/**
 * The columns an expression can read in CQL: the row of the node it belongs to (depth = the nesting of
 * subqueries it sits in) and the rows of the query blocks around it. A column name resolves to the
 * innermost level that has it, as in SQL.
 */
final class Layout {
    /** Schemas by absolute depth: 0 is the statement's outermost block. */
    private final List<Schema> levels;
    private final Schema unified;
    private final int[] level;
    private final int[] index;

    private Layout(List<Schema> levels) {
        this.levels = List.copyOf(levels);
        List<Column> cols = new ArrayList<>();
        List<Integer> lv = new ArrayList<>();
        List<Integer> ix = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (int d = levels.size() - 1; d >= 0; d--) {
            Schema s = levels.get(d);
            for (int i = 0; i < s.size(); i++) {
                Column c = s.columns().get(i);
                if (seen.putIfAbsent(c.name(), true) == null) {
                    cols.add(c);
                    lv.add(d);
                    ix.add(i);
                }
            }
        }
        this.unified = Schema.of(cols);
        this.level = lv.stream().mapToInt(Integer::intValue).toArray();
        this.index = ix.stream().mapToInt(Integer::intValue).toArray();
    }

    static Layout top(Schema schema) {
        return new Layout(List.of(schema));
    }

    /** The layout of a node one subquery deeper, whose own row has this schema. */
    Layout deeper(Schema schema) {
        List<Schema> l = new ArrayList<>(levels);
        l.add(schema);
        return new Layout(l);
    }

    /** The same nesting with another row schema at the innermost level. */
    Layout withRow(Schema schema) {
        List<Schema> l = new ArrayList<>(levels);
        l.set(l.size() - 1, schema);
        return new Layout(l);
    }

    /** The absolute depth of the innermost level. */
    int depth() {
        return levels.size() - 1;
    }

    /** One schema with every visible name, for compiling expressions. */
    Schema unified() {
        return unified;
    }

    int level(int unifiedColumn) {
        return level[unifiedColumn];
    }

    int index(int unifiedColumn) {
        return index[unifiedColumn];
    }
}
