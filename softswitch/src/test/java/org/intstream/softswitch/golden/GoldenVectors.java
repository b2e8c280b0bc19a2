package org.intstream.softswitch.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.intstream.softswitch.TestPrograms;
import org.intstream.softswitch.action.ActionData;
import org.intstream.softswitch.action.ActionSpec;
import org.intstream.softswitch.engine.OutputPacket;
import org.intstream.softswitch.engine.SwitchCore;
import org.intstream.softswitch.model.P4Program;
import org.intstream.softswitch.table.KeyElement;
import org.intstream.softswitch.table.MatchKind;
import org.intstream.softswitch.table.MatchTable;
import org.intstream.softswitch.table.MatchValue;
import org.intstream.softswitch.table.TableEntry;
import org.intstream.softswitch.tm.CloneSession;
import org.intstream.softswitch.tm.Replica;
import org.intstream.softswitch.tm.ReplicationEngine;

/**
 * A golden vector file recorded from BMv2 by src/test/bmv2/record.sh: the setup (table entries in a
 * neutral form, multicast groups, clone sessions), the input frames, and what BMv2 sent for each.
 */
final class GoldenVectors {
    final JsonNode doc;

    private GoldenVectors(JsonNode doc) {
        this.doc = doc;
    }

    static GoldenVectors load(String program) throws IOException {
        try (var in = GoldenVectors.class.getResourceAsStream("/golden/" + program + ".json")) {
            if (in == null) {
                throw new IllegalStateException("missing golden/" + program + ".json");
            }
            return new GoldenVectors(new ObjectMapper().readTree(in));
        }
    }

    static P4Program program(String name) {
        return TestPrograms.load(name);
    }

    /** Installs the setup directly on the program's tables and the replication engine. */
    void install(P4Program program, ReplicationEngine pre) {
        JsonNode setup = doc.get("setup");
        for (JsonNode t : setup.get("tables")) {
            MatchTable table = program.table(t.get("table").asText());
            List<MatchValue> match = new ArrayList<>();
            List<KeyElement> key = table.key();
            for (int i = 0; i < key.size(); i++) {
                match.add(matchValue(key.get(i), t.get("match").get(i)));
            }
            ActionSpec action = table.action(t.get("action").asText());
            List<BigInteger> args = new ArrayList<>();
            if (t.has("params")) {
                for (JsonNode p : t.get("params")) {
                    args.add(hex(p.asText()));
                }
            }
            int priority = t.has("priority") ? t.get("priority").asInt() : 0;
            table.insert(new TableEntry(match, priority, action,
                    ActionData.of(action, args.toArray(new BigInteger[0])), 0, null));
        }
        for (JsonNode g : setup.get("multicast_groups")) {
            pre.putGroup(g.get("id").asInt(), replicas(g.get("replicas")));
        }
        for (JsonNode s : setup.get("clone_sessions")) {
            pre.putSession(new CloneSession(s.get("id").asInt(), replicas(s.get("replicas")), 0, 0));
        }
    }

    private static MatchValue matchValue(KeyElement key, JsonNode m) {
        String kind = m.fieldNames().next();
        JsonNode a = m.get(kind);
        switch (kind) {
            case "exact":
                return MatchValue.exact(hex(a.asText()), key.width());
            case "lpm":
                return MatchValue.lpm(hex(a.get(0).asText()), a.get(1).asInt(), key.width());
            case "ternary":
                return MatchValue.ternary(hex(a.get(0).asText()), hex(a.get(1).asText()));
            case "wildcard":
                if (key.kind() == MatchKind.TERNARY) {
                    return MatchValue.ternary(BigInteger.ZERO, BigInteger.ZERO);
                }
                throw new IllegalArgumentException("wildcard for a " + key.kind() + " key");
            default:
                throw new IllegalArgumentException("unknown match kind " + kind);
        }
    }

    private static List<Replica> replicas(JsonNode list) {
        List<Replica> out = new ArrayList<>();
        for (JsonNode r : list) {
            out.add(new Replica(r.get(0).asInt(), r.get(1).asInt()));
        }
        return out;
    }

    /**
     * Runs every vector of a program with no table entries through a fresh switch and checks what left
     * each port, in order, against what BMv2 sent; returns how many vectors were checked.
     */
    static int checkOutputs(String name) throws IOException {
        GoldenVectors golden = load(name);
        SwitchCore sw = new SwitchCore(program(name), new ReplicationEngine());
        int checked = 0;
        for (JsonNode v : golden.doc.get("vectors")) {
            byte[] frame = bytes(v.get("data").asText());
            List<String> got = new ArrayList<>();
            for (OutputPacket o : sw.process(v.get("port").asInt(), frame, 0, frame.length, 1)) {
                got.add(o.port() + " " + HexFormat.of().formatHex(o.data()));
            }
            List<String> want = new ArrayList<>();
            for (JsonNode o : v.get("outputs")) {
                want.add(o.get("port").asInt() + " " + o.get("data").asText());
            }
            assertThat(got).as(v.get("name").asText()).containsExactlyElementsOf(want);
            checked++;
        }
        return checked;
    }

    static BigInteger hex(String s) {
        return new BigInteger(s.substring(2), 16);
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
