package org.intstream.query.cql;

import java.util.ArrayList;
import java.util.List;
import org.intstream.query.QueryException;
import org.intstream.query.SourcePosition;
import org.intstream.query.check.Suggestions;
import org.intstream.query.plan.Column;
import org.intstream.query.plan.Schema;
import org.intstream.query.type.Type;

/**
 * The names visible in a CQL query block: its {@code From} items (each with an alias and columns), then
 * the blocks around it (for correlated subqueries). A column resolves to its canonical name
 * {@code alias.column}, the innermost match winning, as in SQL.
 */
final class Scope {

    /** One {@code From} item. */
    static final class Item {
        final String alias;
        final Schema schema;

        Item(String alias, Schema schema) {
            this.alias = alias;
            this.schema = schema;
        }
    }

    /** A resolved column: its canonical name and type. */
    static final class Resolved {
        final String name;
        final Type type;

        Resolved(String name, Type type) {
            this.name = name;
            this.type = type;
        }
    }

    private final Scope outer;
    private final List<Item> items;

    Scope(Scope outer, List<Item> items) {
        this.outer = outer;
        this.items = List.copyOf(items);
    }

    List<Item> items() {
        return items;
    }

    Item item(String alias) {
        for (Item i : items) {
            if (i.alias.equalsIgnoreCase(alias)) {
                return i;
            }
        }
        return null;
    }

    /** Every canonical column visible here, inner first, for typing expressions. */
    Schema visible() {
        List<Column> cols = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Scope s = this; s != null; s = s.outer) {
            for (Item i : s.items) {
                for (Column c : i.schema.columns()) {
                    String name = i.alias + "." + c.name();
                    if (seen.add(name)) {
                        cols.add(new Column(name, c.type()));
                    }
                }
            }
        }
        return Schema.of(cols);
    }

    /** Whether a From item here or around names a column so (case-insensitively). */
    boolean hasColumn(String column) {
        for (Scope s = this; s != null; s = s.outer) {
            for (Item i : s.items) {
                if (find(i.schema, column) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Resolves {@code qualifier.column} or a bare {@code column}; an error names what is known. */
    Resolved resolve(String qualifier, String column, SourcePosition position) {
        for (Scope s = this; s != null; s = s.outer) {
            if (qualifier != null) {
                Item i = s.item(qualifier);
                if (i == null) {
                    continue;
                }
                Column c = find(i.schema, column);
                if (c == null) {
                    throw new QueryException(position, "'" + qualifier + "' has no column '" + column + "'"
                            + Suggestions.didYouMean(column, i.schema.names()) + "; its columns are "
                            + i.schema.names());
                }
                return new Resolved(i.alias + "." + c.name(), c.type());
            }
            Resolved found = null;
            for (Item i : s.items) {
                Column c = find(i.schema, column);
                if (c != null) {
                    if (found != null) {
                        throw new QueryException(position, "column '" + column + "' is ambiguous: qualify it with "
                                + "an alias (" + found.name + " or " + i.alias + "." + c.name() + ")");
                    }
                    found = new Resolved(i.alias + "." + c.name(), c.type());
                }
            }
            if (found != null) {
                return found;
            }
        }
        if (qualifier != null) {
            throw new QueryException(position, "unknown alias '" + qualifier + "': it is not defined in this "
                    + "query's From clause or around it" + Suggestions.didYouMean(qualifier, aliases())
                    + (aliases().isEmpty() ? "" : "; aliases here: " + aliases()));
        }
        List<String> names = new ArrayList<>();
        for (Scope s = this; s != null; s = s.outer) {
            for (Item i : s.items) {
                names.addAll(i.schema.names());
            }
        }
        throw new QueryException(position, "unknown column '" + column + "'" + Suggestions.didYouMean(column, names)
                + (names.isEmpty() ? ": there is no From clause here to read columns from"
                : "; columns here: " + names));
    }

    private List<String> aliases() {
        List<String> a = new ArrayList<>();
        for (Scope s = this; s != null; s = s.outer) {
            for (Item i : s.items) {
                a.add(i.alias);
            }
        }
        return a;
    }

    /** Column names are case-insensitive in CQL; the schema's spelling is kept. */
    private static Column find(Schema schema, String column) {
        Column exact = schema.column(column);
        if (exact != null) {
            return exact;
        }
        for (Column c : schema.columns()) {
            if (c.name().equalsIgnoreCase(column)) {
                return c;
            }
        }
        return null;
    }
}
