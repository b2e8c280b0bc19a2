package org.intstream.softswitch.p4runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import p4.config.v1.P4InfoOuterClass;
import p4.v1.P4RuntimeOuterClass;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.FieldMatch;

/**
 * The P4Runtime entities of a golden file's setup, built exactly as the Python recorder built them for
 * BMv2 (canonical values, wildcards omitted).
 */
public final class GoldenSetup {
    private GoldenSetup() {
    }

    public static List<Entity> entities(P4InfoOuterClass.P4Info info, JsonNode setup) {
        List<Entity> out = new ArrayList<>();
        for (JsonNode t : setup.get("tables")) {
            out.add(tableEntry(info, t));
        }
        for (JsonNode g : setup.get("multicast_groups")) {
            P4RuntimeOuterClass.MulticastGroupEntry.Builder b = P4RuntimeOuterClass.MulticastGroupEntry.newBuilder()
                    .setMulticastGroupId(g.get("id").asInt());
            for (JsonNode r : g.get("replicas")) {
                b.addReplicas(P4RuntimeOuterClass.Replica.newBuilder().setEgressPort(r.get(0).asInt()).setInstance(r.get(1).asInt()));
            }
            out.add(Entity.newBuilder().setPacketReplicationEngineEntry(
                    P4RuntimeOuterClass.PacketReplicationEngineEntry.newBuilder().setMulticastGroupEntry(b)).build());
        }
        for (JsonNode s : setup.get("clone_sessions")) {
            P4RuntimeOuterClass.CloneSessionEntry.Builder b = P4RuntimeOuterClass.CloneSessionEntry.newBuilder()
                    .setSessionId(s.get("id").asInt());
            for (JsonNode r : s.get("replicas")) {
                b.addReplicas(P4RuntimeOuterClass.Replica.newBuilder().setEgressPort(r.get(0).asInt()).setInstance(r.get(1).asInt()));
            }
            out.add(Entity.newBuilder().setPacketReplicationEngineEntry(
                    P4RuntimeOuterClass.PacketReplicationEngineEntry.newBuilder().setCloneSessionEntry(b)).build());
        }
        return out;
    }

    public static Entity tableEntry(P4InfoOuterClass.P4Info info, JsonNode t) {
        P4InfoOuterClass.Table table = table(info, t.get("table").asText());
        P4RuntimeOuterClass.TableEntry.Builder te = P4RuntimeOuterClass.TableEntry.newBuilder()
                .setTableId(table.getPreamble().getId());
        for (int i = 0; i < table.getMatchFieldsCount(); i++) {
            P4InfoOuterClass.MatchField mf = table.getMatchFields(i);
            JsonNode m = t.get("match").get(i);
            String kind = m.fieldNames().next();
            JsonNode a = m.get(kind);
            FieldMatch.Builder fm = FieldMatch.newBuilder().setFieldId(mf.getId());
            switch (kind) {
                case "wildcard":
                    continue;
                case "exact":
                    fm.setExact(FieldMatch.Exact.newBuilder().setValue(hex(a.asText())));
                    break;
                case "lpm":
                    fm.setLpm(FieldMatch.LPM.newBuilder().setValue(hex(a.get(0).asText())).setPrefixLen(a.get(1).asInt()));
                    break;
                case "optional":
                    fm.setOptional(FieldMatch.Optional.newBuilder().setValue(hex(a.asText())));
                    break;
                case "range":
                    fm.setRange(FieldMatch.Range.newBuilder().setLow(hex(a.get(0).asText())).setHigh(hex(a.get(1).asText())));
                    break;
                default:
                    fm.setTernary(FieldMatch.Ternary.newBuilder().setValue(hex(a.get(0).asText())).setMask(hex(a.get(1).asText())));
                    break;
            }
            te.addMatch(fm);
        }
        if (t.has("priority")) {
            te.setPriority(t.get("priority").asInt());
        }
        P4InfoOuterClass.Action action = info.getActionsList().stream()
                .filter(x -> x.getPreamble().getName().equals(t.get("action").asText())).findFirst().orElseThrow();
        P4RuntimeOuterClass.Action.Builder a = P4RuntimeOuterClass.Action.newBuilder().setActionId(action.getPreamble().getId());
        if (t.has("params")) {
            for (int i = 0; i < t.get("params").size(); i++) {
                a.addParams(P4RuntimeOuterClass.Action.Param.newBuilder().setParamId(action.getParams(i).getId())
                        .setValue(hex(t.get("params").get(i).asText())));
            }
        }
        te.setAction(P4RuntimeOuterClass.TableAction.newBuilder().setAction(a));
        return Entity.newBuilder().setTableEntry(te).build();
    }

    public static P4InfoOuterClass.Table table(P4InfoOuterClass.P4Info info, String name) {
        return info.getTablesList().stream().filter(x -> x.getPreamble().getName().equals(name)).findFirst().orElseThrow();
    }

    private static ByteString hex(String s) {
        return Values.canonical(new BigInteger(s.substring(2), 16));
    }
}
