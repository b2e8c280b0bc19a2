package org.intstream.softswitch.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.intstream.softswitch.action.ActionSpec;
import org.intstream.softswitch.engine.Deparser;
import org.intstream.softswitch.extern.ChecksumUnit;
import org.intstream.softswitch.extern.Externs;
import org.intstream.softswitch.parser.Parser;
import org.intstream.softswitch.pipeline.Pipeline;
import org.intstream.softswitch.table.MatchTable;

/**
 * A loaded v1model program: the layout of its headers, its parser, ingress and egress pipelines,
 * deparser, checksums, field lists, actions and extern instances (with their state). Built by
 * {@link ProgramLoader}.
 */
public final class P4Program {
    private final String name;
    private final Layout layout;
    private final StandardMetadata std;
    private final Parser parser;
    private final Pipeline ingress;
    private final Pipeline egress;
    private final Deparser deparser;
    private final List<ChecksumUnit> checksums;
    private final Map<Integer, List<FieldInfo>> fieldLists;
    private final Map<Integer, ActionSpec> actions;
    private final Externs externs;
    private final Map<String, Integer> errors;
    private final Map<String, MatchTable> tables;

    P4Program(String name, Layout layout, StandardMetadata std, Parser parser, Pipeline ingress, Pipeline egress,
            Deparser deparser, List<ChecksumUnit> checksums, Map<Integer, List<FieldInfo>> fieldLists,
            Map<Integer, ActionSpec> actions, Externs externs, Map<String, Integer> errors) {
        this.name = name;
        this.layout = layout;
        this.std = std;
        this.parser = parser;
        this.ingress = ingress;
        this.egress = egress;
        this.deparser = deparser;
        this.checksums = List.copyOf(checksums);
        this.fieldLists = Map.copyOf(fieldLists);
        this.actions = Collections.unmodifiableMap(new LinkedHashMap<>(actions));
        this.externs = externs;
        this.errors = Map.copyOf(errors);
        Map<String, MatchTable> all = new LinkedHashMap<>(ingress.tables());
        all.putAll(egress.tables());
        this.tables = Collections.unmodifiableMap(all);
    }

    public String name() {
        return name;
    }

    public Layout layout() {
        return layout;
    }

    public StandardMetadata std() {
        return std;
    }

    public Parser parser() {
        return parser;
    }

    public Pipeline ingress() {
        return ingress;
    }

    public Pipeline egress() {
        return egress;
    }

    public Deparser deparser() {
        return deparser;
    }

    public List<ChecksumUnit> checksums() {
        return checksums;
    }

    /** The fields a clone, resubmit or recirculation preserves, by field list id; null if unknown. */
    public List<FieldInfo> fieldList(int id) {
        return fieldLists.get(id);
    }

    public Map<Integer, ActionSpec> actions() {
        return actions;
    }

    public Externs externs() {
        return externs;
    }

    /** Error codes by name ({@code PacketTooShort} …). */
    public Map<String, Integer> errors() {
        return errors;
    }

    /** Every table of both pipelines by its fully qualified name. */
    public Map<String, MatchTable> tables() {
        return tables;
    }

    public MatchTable table(String tableName) {
        return tables.get(tableName);
    }
}
