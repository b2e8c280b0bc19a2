package org.intstream.softswitch.p4runtime;

import com.google.protobuf.ByteString;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.intstream.softswitch.engine.SwitchCore;
import org.intstream.softswitch.model.P4Program;
import org.intstream.softswitch.model.ProgramFormatException;
import org.intstream.softswitch.model.ProgramLoader;
import org.intstream.softswitch.table.KeyElement;
import org.intstream.softswitch.table.MatchTable;
import org.intstream.softswitch.tm.ReplicationEngine;
import p4.config.v1.P4InfoOuterClass;
import p4.v1.P4RuntimeOuterClass.ForwardingPipelineConfig;

/**
 * A forwarding pipeline config the server accepted: the P4Info, the BMv2 JSON loaded as a program with
 * fresh state, its replication engine, and the P4Info-to-program mapping of tables and key fields.
 * Pushing a new config replaces all of it, as BMv2 does.
 */
public final class LoadedPipeline {
    private final ForwardingPipelineConfig config;
    private final P4InfoIndex p4info;
    private final P4Program program;
    private final ReplicationEngine pre = new ReplicationEngine();
    private final SwitchCore core;
    private final Map<Integer, MatchTable> tables = new HashMap<>();
    /** Per table id: P4Info match field id to key element index. */
    private final Map<Integer, Map<Integer, Integer>> keyIndex = new HashMap<>();
    /** Per table id: the key element indexes P4Info declares optional (p4c's BMv2 JSON calls them ternary). */
    private final Map<Integer, java.util.Set<Integer>> optionalKeys = new HashMap<>();

    private LoadedPipeline(ForwardingPipelineConfig config, P4InfoIndex p4info, P4Program program) {
        this.config = config;
        this.p4info = p4info;
        this.program = program;
        this.core = new SwitchCore(program, pre);
    }

    /** Verifies a config: the JSON loads, and every P4Info table and key field exists in it. */
    public static LoadedPipeline verify(ForwardingPipelineConfig config) {
        if (!config.hasP4Info()) {
            throw P4RuntimeException.invalid("the pipeline config has no P4Info");
        }
        ByteString json = config.getP4DeviceConfig();
        if (json.isEmpty()) {
            throw P4RuntimeException.invalid("the pipeline config has no p4_device_config (the BMv2 JSON)");
        }
        P4Program program;
        try {
            program = ProgramLoader.parse(json.toStringUtf8(), "p4_device_config");
        } catch (ProgramFormatException e) {
            throw P4RuntimeException.invalid("cannot load the BMv2 JSON: " + e.getMessage());
        }
        LoadedPipeline p = new LoadedPipeline(config, new P4InfoIndex(config.getP4Info()), program);
        for (P4InfoOuterClass.Table t : p.p4info.tables()) {
            String name = t.getPreamble().getName();
            MatchTable table = program.table(name);
            if (table == null) {
                throw P4RuntimeException.invalid("P4Info table " + name + " is not in the BMv2 JSON");
            }
            List<KeyElement> key = table.key();
            Map<Integer, Integer> fields = new HashMap<>();
            java.util.Set<Integer> optional = new java.util.HashSet<>();
            for (P4InfoOuterClass.MatchField mf : t.getMatchFieldsList()) {
                int index = -1;
                for (int i = 0; i < key.size(); i++) {
                    if (key.get(i).name().equals(mf.getName())) {
                        index = i;
                    }
                }
                if (index < 0) {
                    throw P4RuntimeException.invalid("match field " + mf.getName() + " of table " + name
                            + " is not a key of the table in the BMv2 JSON");
                }
                fields.put(mf.getId(), index);
                if (mf.getMatchType() == P4InfoOuterClass.MatchField.MatchType.OPTIONAL) {
                    optional.add(index);
                }
            }
            p.optionalKeys.put(t.getPreamble().getId(), optional);
            p.tables.put(t.getPreamble().getId(), table);
            p.keyIndex.put(t.getPreamble().getId(), fields);
        }
        return p;
    }

    public ForwardingPipelineConfig config() {
        return config;
    }

    public P4InfoIndex p4info() {
        return p4info;
    }

    public P4Program program() {
        return program;
    }

    public ReplicationEngine pre() {
        return pre;
    }

    public SwitchCore core() {
        return core;
    }

    public MatchTable table(int tableId) {
        p4info.table(tableId);
        return tables.get(tableId);
    }

    /** Whether P4Info declares the key element optional (the program matches it as a full-mask ternary). */
    public boolean optionalKey(int tableId, int keyIndex) {
        return optionalKeys.get(tableId).contains(keyIndex);
    }

    public int keyIndex(int tableId, int fieldId) {
        Integer i = keyIndex.get(tableId).get(fieldId);
        if (i == null) {
            throw P4RuntimeException.invalid("table " + p4info.table(tableId).getPreamble().getName()
                    + " has no match field with id " + fieldId);
        }
        return i;
    }
}
