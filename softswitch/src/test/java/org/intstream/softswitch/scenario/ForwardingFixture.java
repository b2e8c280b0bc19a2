package org.intstream.softswitch.scenario;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.intstream.softswitch.TestPrograms;
import org.intstream.softswitch.action.ActionData;
import org.intstream.softswitch.action.ActionSpec;
import org.intstream.softswitch.engine.OutputPacket;
import org.intstream.softswitch.engine.SwitchCore;
import org.intstream.softswitch.model.P4Program;
import org.intstream.softswitch.table.MatchTable;
import org.intstream.softswitch.table.MatchValue;
import org.intstream.softswitch.table.TableEntry;
import org.intstream.softswitch.tm.ReplicationEngine;

/** forwarding.p4 loaded into a switch, with helpers to install entries directly on its tables. */
class ForwardingFixture {
    static final int CPU_PORT = 255;
    static final long TS = 1_700_000_000_000_000L;

    final P4Program program = TestPrograms.load("forwarding");
    final ReplicationEngine pre = new ReplicationEngine();
    final SwitchCore sw = new SwitchCore(program, pre);

    MatchTable table(String name) {
        return program.table(name);
    }

    void add(String table, List<MatchValue> match, int priority, String action, long... args) {
        MatchTable t = table(table);
        ActionSpec a = t.action(action);
        BigInteger[] values = Arrays.stream(args).mapToObj(BigInteger::valueOf).toArray(BigInteger[]::new);
        t.insert(new TableEntry(match, priority, a, ActionData.of(a, values), 0, null));
    }

    static MatchValue exact(long v, int width) {
        return MatchValue.exact(BigInteger.valueOf(v), width);
    }

    static MatchValue lpm(long v, int prefix, int width) {
        return MatchValue.lpm(BigInteger.valueOf(v), prefix, width);
    }

    static MatchValue ternary(long v, long mask) {
        return MatchValue.ternary(BigInteger.valueOf(v), BigInteger.valueOf(mask));
    }

    List<OutputPacket> send(int port, byte[] frame) {
        return sw.process(port, frame, 0, frame.length, TS);
    }
}
