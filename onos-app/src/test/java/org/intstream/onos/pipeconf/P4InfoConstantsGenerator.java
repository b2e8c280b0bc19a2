package org.intstream.onos.pipeconf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.onosproject.net.pi.model.PiActionModel;
import org.onosproject.net.pi.model.PiActionParamModel;
import org.onosproject.net.pi.model.PiCounterModel;
import org.onosproject.net.pi.model.PiCounterType;
import org.onosproject.net.pi.model.PiMatchFieldModel;
import org.onosproject.net.pi.model.PiPacketMetadataModel;
import org.onosproject.net.pi.model.PiPacketOperationModel;
import org.onosproject.net.pi.model.PiPacketOperationType;
import org.onosproject.net.pi.model.PiPipelineModel;
import org.onosproject.net.pi.model.PiTableModel;

/**
 * Writes {@code P4InfoConstants.java} from a pipeline model, fabric-tna style: one constant per P4Info name,
 * named after it ({@code IntStreamIngress.acl.acl} becomes {@code INT_STREAM_INGRESS_ACL_ACL}; match fields
 * get an {@code HDR_} prefix). Sections and constants are sorted, so the output only changes when the
 * program does.
 */
final class P4InfoConstantsGenerator {
    private final Map<String, String> constantOwners = new HashMap<>();

    static String generate(PiPipelineModel model) {
        return new P4InfoConstantsGenerator().render(model);
    }

    private String render(PiPipelineModel model) {
        Map<String, String> matchFields = new TreeMap<>();
        Map<String, String> tables = new TreeMap<>();
        Map<String, String> actions = new TreeMap<>();
        Map<String, String> params = new TreeMap<>();
        Map<String, String> indirectCounters = new TreeMap<>();
        Map<String, String> directCounters = new TreeMap<>();
        Map<String, String> meters = new TreeMap<>();
        Map<String, String> registers = new TreeMap<>();
        Map<String, String> metadata = new TreeMap<>();
        for (PiTableModel t : model.tables()) {
            tables.put(t.id().id(), "");
            for (PiMatchFieldModel f : t.matchFields()) {
                matchFields.put(f.id().id(), "");
            }
            for (PiActionModel a : t.actions()) {
                actions.put(a.id().id(), "");
                for (PiActionParamModel p : a.params()) {
                    params.put(p.id().id(), "");
                }
            }
        }
        for (PiCounterModel c : model.counters()) {
            (c.counterType() == PiCounterType.DIRECT ? directCounters : indirectCounters).put(c.id().id(), "");
        }
        model.meters().forEach(m -> meters.put(m.id().id(), ""));
        model.registers().forEach(r -> registers.put(r.id().id(), ""));
        for (PiPacketOperationType type : PiPacketOperationType.values()) {
            Optional<PiPacketOperationModel> op = model.packetOperationModel(type);
            if (op.isPresent()) {
                for (PiPacketMetadataModel m : op.get().metadatas()) {
                    metadata.put(m.id().id(), "");
                }
            }
        }

        StringBuilder b = new StringBuilder();
        b.append("package org.intstream.onos.pipeconf;\n\n");
        b.append("import org.onosproject.net.pi.model.PiActionId;\n");
        b.append("import org.onosproject.net.pi.model.PiActionParamId;\n");
        b.append("import org.onosproject.net.pi.model.PiCounterId;\n");
        b.append("import org.onosproject.net.pi.model.PiMatchFieldId;\n");
        b.append("import org.onosproject.net.pi.model.PiMeterId;\n");
        b.append("import org.onosproject.net.pi.model.PiPacketMetadataId;\n");
        b.append("import org.onosproject.net.pi.model.PiRegisterId;\n");
        b.append("import org.onosproject.net.pi.model.PiTableId;\n\n");
        b.append("/**\n");
        b.append(" * Every name in intstream.p4's P4Info, so Java code never types a P4 name by hand. Generated from\n");
        b.append(" * {@code p4src/build/intstream.p4info.txt}; {@code P4InfoConstantsTest} fails when they differ and\n");
        b.append(" * rewrites this file with {@code -Dconstants.update=true}. Do not edit.\n");
        b.append(" */\n");
        b.append("public final class P4InfoConstants {\n");
        b.append("    private P4InfoConstants() {\n    }\n");
        section(b, "Match fields", "PiMatchFieldId", "HDR_", matchFields);
        section(b, "Tables", "PiTableId", "", tables);
        section(b, "Indirect counters", "PiCounterId", "", indirectCounters);
        section(b, "Direct counters", "PiCounterId", "", directCounters);
        section(b, "Actions", "PiActionId", "", actions);
        section(b, "Action parameters", "PiActionParamId", "", params);
        section(b, "Packet metadata", "PiPacketMetadataId", "", metadata);
        section(b, "Meters", "PiMeterId", "", meters);
        section(b, "Registers", "PiRegisterId", "", registers);
        b.append("}\n");
        return b.toString();
    }

    private void section(StringBuilder b, String title, String type, String prefix, Map<String, String> names) {
        if (names.isEmpty()) {
            return;
        }
        b.append("\n    // ").append(title).append('\n');
        for (String name : names.keySet()) {
            String constant = prefix + constantName(name);
            String owner = constantOwners.putIfAbsent(constant, type + " " + name);
            if (owner != null) {
                throw new IllegalStateException("P4Info names " + owner + " and " + type + " " + name
                        + " both become constant " + constant);
            }
            b.append("    public static final ").append(type).append(' ').append(constant).append(" =\n");
            b.append("            ").append(type).append(".of(\"").append(name).append("\");\n");
        }
    }

    /** {@code IntStreamIngress.slot0.filter} to {@code INT_STREAM_INGRESS_SLOT0_FILTER}. */
    static String constantName(String p4Name) {
        List<String> words = new ArrayList<>();
        for (String part : p4Name.split("[._]")) {
            if (part.isEmpty()) {
                continue;
            }
            StringBuilder w = new StringBuilder();
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (Character.isUpperCase(c) && w.length() > 0 && !Character.isUpperCase(part.charAt(i - 1))) {
                    words.add(w.toString());
                    w.setLength(0);
                }
                w.append(Character.toUpperCase(c));
            }
            words.add(w.toString());
        }
        return String.join("_", words);
    }
}
