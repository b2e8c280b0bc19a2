package org.intstream.engine.cql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.intstream.engine.packet.Packet;
import org.intstream.engine.packet.PointTable;
import org.intstream.query.cql.CqlQueries;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.plan.Schema;
import org.intstream.query.type.IpAddress;
import org.junit.jupiter.api.Test;

/** CQL's instant semantics against hand-computed cases (docs/cql.md). */
class CqlEngineTest {
    /** A whole minute since the epoch, so that minute windows start here. */
    static final long T0 = 1_699_999_980_000_000L;
    static final long S = 1_000_000L;

    private final PointTable points = new PointTable();
    private final List<String> out = new ArrayList<>();
    private CqlEngine engine;

    private void run(String cql) {
        engine = new CqlEngine(FunctionRegistry.withProviders(getClass().getClassLoader()), points, new CqlSink() {
            @Override
            public void onRows(String statement, Schema schema, long instant, boolean stream, boolean finalState,
                    List<Object[]> rows) {
                String head = statement + "@" + (instant - T0) / S + (finalState ? " final" : "")
                        + (stream ? "" : " rel");
                if (rows.isEmpty()) {
                    out.add(head + " {}");
                }
                for (Object[] r : rows) {
                    out.add(head + " " + Arrays.stream(r).map(v -> v instanceof Double
                            ? String.format("%.6f", v) : String.valueOf(v)).collect(Collectors.joining(",")));
                }
            }
        });
        engine.register(CqlQueries.parse(cql, FunctionRegistry.withProviders(getClass().getClassLoader())));
    }

    private void packet(double seconds, String src, int sport, String dst, int dport, int flags, int len,
            String point, int ipId) {
        Packet p = new Packet();
        p.reset();
        p.ts = T0 + Math.round(seconds * S);
        p.len = len;
        p.ipVersion = 4;
        p.ip4Src = IpAddress.parse(src).v4Bits();
        p.ip4Dst = IpAddress.parse(dst).v4Bits();
        p.ipProto = 6;
        p.ipId = ipId;
        p.sport = sport;
        p.dport = dport;
        p.tcpFlags = flags;
        p.payloadLen = Math.max(0, len - 54);
        p.point = points.intern(point);
        for (int f : new int[] {Packet.TS, Packet.LEN, Packet.IP_VERSION, Packet.IP_SRC, Packet.IP_DST,
            Packet.IP_PROTO, Packet.IP_ID, Packet.L4_SPORT, Packet.L4_DPORT, Packet.TCP_FLAGS, Packet.TCP_SEQ,
            Packet.TCP_ACK, Packet.PAYLOAD_LEN}) {
            p.set(f);
        }
        engine.onPacket(p);
    }

    private void packet(double seconds, String src, String dst, int dport, int len) {
        packet(seconds, src, 40000, dst, dport, Packet.ACK, len, "B", (int) (seconds * 10));
    }

    @Test
    void rstreamOverASlidWindowReportsEachBoundary() {
        run("Select Rstream(srcIP, Sum(len), Count(*)) From Packets [Range 1 Minute Slide 1 Minute]"
                + " Where destPort = '80' Group By srcIP");
        packet(10, "10.0.0.1", "10.0.0.9", 80, 100);
        packet(50, "10.0.0.1", "10.0.0.9", 80, 100);
        packet(55, "10.0.0.3", "10.0.0.9", 22, 100);
        packet(60, "10.0.0.2", "10.0.0.9", 80, 70); // exactly on the boundary: in the window that ends there
        packet(70, "10.0.0.2", "10.0.0.9", 80, 60);
        engine.finish();
        assertThat(out).containsExactly("q1@60 10.0.0.1,200,2", "q1@60 10.0.0.2,70,1", "q1@120 10.0.0.2,60,1");
    }

    @Test
    void dstreamOfARangeWindowDelaysTheStream() {
        run("Select Dstream(srcIP, timestamp) From Packets [Range 2 Minute]");
        packet(1, "10.0.0.1", "10.0.0.9", 80, 100);
        packet(30, "10.0.0.2", "10.0.0.9", 80, 100);
        engine.finish();
        assertThat(out).containsExactly("q1@121 10.0.0.1," + (T0 + S), "q1@150 10.0.0.2," + (T0 + 30 * S));
    }

    @Test
    void aSynWithASynAckButNoAckIsMisbehavingTwoMinutesLater() {
        run(String.join("\n",
                "DelayedSynStream: Select Dstream(*) From Packets [Range 2 Minute] as P Where isSyn(P.flags)",
                "MisbehavingSyn: Select srcIP, srcPort From DelayedSynStream [Now] S",
                "Where Exists (Select * From Packets [Range 2 Minute] P1",
                "  Where isSyn(P1.flags) and isAck(P1.flags) and P1.srcIP = S.destIP and P1.srcPort = S.destPort",
                "  and P1.destIP = S.srcIP and P1.destPort = S.srcPort)",
                "and Not Exists (Select * From Packets [Range 2 Minute] P2",
                "  Where isAck(P2.flags) and P2.srcIP = S.srcIP and P2.srcPort = S.srcPort",
                "  and P2.destIP = S.destIP and P2.destPort = S.destPort)"));
        // a handshake left half-open
        packet(1, "10.0.0.1", 1111, "10.0.0.9", 80, Packet.SYN, 60, "B", 1);
        packet(1.001, "10.0.0.9", 80, "10.0.0.1", 1111, Packet.SYN | Packet.ACK, 60, "B", 2);
        // a complete one
        packet(2, "10.0.0.2", 2222, "10.0.0.9", 80, Packet.SYN, 60, "B", 3);
        packet(2.001, "10.0.0.9", 80, "10.0.0.2", 2222, Packet.SYN | Packet.ACK, 60, "B", 4);
        packet(2.002, "10.0.0.2", 2222, "10.0.0.9", 80, Packet.ACK, 60, "B", 5);
        engine.finish();
        assertThat(out).containsExactly("MisbehavingSyn@121 10.0.0.1,1111");
    }

    @Test
    void theTopFivePercentByTrafficUseACorrelatedSubquery() {
        run(String.join("\n",
                "Load: Select srcIP, destIP, Sum(len) as traffic From Packets [Range 20 Minute] Where colID = 'B'",
                "Group By srcIP, destIP",
                "Q: Select srcIP, destIP, traffic From Load as L1",
                "Where (Select Count(*) From Load as L2 Where L2.traffic < L1.traffic) >",
                "(Select 0.95 * Count(*) From Load) Order By traffic"));
        for (int i = 1; i <= 21; i++) {
            packet(i, "10.0.0." + i, "10.0.1.1", 80, 100 * i);
        }
        engine.finish();
        // with 20 pairs, 19 smaller ones are not more than 0.95 * 20; with 21, 20 > 19.95
        assertThat(out.stream().filter(l -> l.startsWith("Q@") && Integer.parseInt(l.substring(2, l.indexOf(' ')))
                < 21)).isEmpty();
        // 20 minutes after the first packet it leaves the window, and the top pair is no longer in the top 5%
        assertThat(out).contains("Q@1201 rel {}");
        assertThat(out).contains("Q@21 rel 10.0.0.21,10.0.1.1,2100", "Q@21 final rel 10.0.0.21,10.0.1.1,2100");
    }

    @Test
    void theCustomerShareJoinsTwoLinksByPacketId() {
        run(String.join("\n",
                "(Select Count(*) From Packets [Range 60 Minute] B Packets C",
                "Where B.colID = 'B' and C.colID = 'C' and C.id = B.id)",
                "/ (Select Count(*) From Packets [Range 60 Minute] B Where B.colID = 'B')"));
        packet(1, "10.0.0.1", 5, "10.0.9.9", 80, Packet.ACK, 100, "C", 11);
        packet(1.0001, "10.0.0.1", 5, "10.0.9.9", 80, Packet.ACK, 100, "B", 11); // the same packet, on B
        packet(2, "10.0.0.1", 5, "10.0.9.9", 80, Packet.ACK, 100, "C", 12);
        packet(2.0001, "10.0.0.1", 5, "10.0.9.9", 80, Packet.ACK, 100, "B", 12);
        packet(3, "10.0.0.7", 5, "10.0.9.9", 80, Packet.ACK, 100, "B", 13); // not from the customer
        engine.finish();
        assertThat(out).contains("q1@3 final rel 0.666667");
    }

    @Test
    void expDecAvgWeighsEachOlderValueHalf() {
        run(String.join("\n",
                "Q1: Select Rstream(srcIP, Count(*) as num) From Packets [Range 1 Minute Slide 1 Minute] Group By srcIP",
                "Q2: Select Rstream(srcIP, ExpDecAvg(num)) From Q1 [Range 10 Minute Slide 1 Minute] Group By srcIP"));
        int[] perMinute = {4, 2, 8};
        for (int m = 0; m < 3; m++) {
            for (int k = 0; k < perMinute[m]; k++) {
                packet(m * 60 + 1 + k, "10.0.0.1", "10.0.0.9", 80, 60);
            }
        }
        engine.finish();
        // Q1 emits 4 at 60 s, 2 at 120 s, 8 at 180 s; Q2 at 180 s: (1/4*4 + 1/2*2 + 1*8) / 1.75
        assertThat(out).contains("Q2@60 10.0.0.1,4.000000", "Q2@120 10.0.0.1,2.666667", "Q2@180 10.0.0.1,5.714286");
    }

    @Test
    void flowsAreSplitByGapsOfTwoMinutes() {
        run(String.join("\n",
                "FlowStartIdentifyStream:",
                "(Select P1.*, 1 as flowStartBit From Packets [Now] as P1 Where (P1.srcIP, P1.destIP) Not In",
                "(Select srcIP, destIP From Packets [Range 2 Minute] P2 Where P2.timestamp < P1.timestamp))",
                "Union",
                "(Select P1.*, 0 as flowStartBit From Packets [Now] as P1 Where (P1.srcIP, P1.destIP) In",
                "(Select srcIP, destIP From Packets [Range 2 Minute] P2 Where P2.timestamp < P1.timestamp))",
                "FlowIdStream:",
                "(Select P1.*, flowId From FlowStartIdentifyStream [Now] P1,",
                "(Select P2.srcIP, P2.destIP, Count(*) as flowId From FlowStartIdentifyStream as P2",
                "Where P2.flowStartBit = 1 Group By P2.srcIP, P2.destIP) I",
                "Where P1.srcIP = I.srcIP and P1.destIP = I.destIP)",
                "FlowInformation: Select srcIP, destIP, flowId, Count(*), Sum(len) From FlowIdStream F",
                "Group By srcIP, destIP, flowId"));
        packet(0, "10.0.0.1", "10.0.0.2", 80, 100);
        packet(10, "10.0.0.1", "10.0.0.2", 80, 200);
        packet(200, "10.0.0.1", "10.0.0.2", 80, 300);
        packet(210, "10.0.0.1", "10.0.0.2", 80, 400);
        engine.finish();
        assertThat(out.stream().filter(l -> l.contains("final"))).containsExactly(
                "FlowInformation@210 final rel 10.0.0.1,10.0.0.2,1,2,300",
                "FlowInformation@210 final rel 10.0.0.1,10.0.0.2,2,2,700");
    }
    @Test
    void inAndNotInLeaveRowsWithAbsentValuesOut() {
        run(String.join("\n",
                "QIn: Select Istream(P1.srcIP) From Packets [Now] P1 Where P1.srcPort In",
                "(Select P2.destPort From Packets [Range 1 Minute] P2 Where P2.timestamp < P1.timestamp)",
                "QNotIn: Select Istream(P1.srcIP) From Packets [Now] P1 Where P1.srcPort Not In",
                "(Select P2.destPort From Packets [Range 1 Minute] P2 Where P2.timestamp < P1.timestamp)"));
        packet(0, "10.0.0.1", 1000, "10.0.0.2", 80, Packet.SYN, 60, "B", 1);
        icmp(1, "10.0.0.1", "10.0.0.2");
        packet(2, "10.0.0.3", 80, "10.0.0.4", 1000, Packet.ACK, 60, "B", 2);
        packet(3, "10.0.0.5", 5, "10.0.0.6", 6, Packet.ACK, 60, "B", 3);
        packet(70, "10.0.0.7", 80, "10.0.0.8", 9, Packet.ACK, 60, "B", 4); // 80 has left the minute
        engine.finish();
        // the ICMP packet's absent port is in neither answer, and the absent port in the window matches nothing
        assertThat(out.stream().filter(l -> !l.endsWith("{}"))).containsExactly(
                "QNotIn@0 10.0.0.1", "QIn@2 10.0.0.3", "QNotIn@3 10.0.0.5", "QNotIn@70 10.0.0.7");
    }

    @Test
    void countsOfRowsRankedBelowOrAboveCountTiesAsSqlDoes() {
        run(String.join("\n",
                "Load: Select srcIP, Sum(len) as traffic From Packets [Range 10 Minute] Group By srcIP",
                "R: Select srcIP,",
                "(Select Count(*) From Load L2 Where L2.traffic < L1.traffic) as lt,",
                "(Select Count(*) From Load L2 Where L2.traffic <= L1.traffic) as le,",
                "(Select Count(*) From Load L2 Where L1.traffic < L2.traffic) as gt,",
                "(Select Count(*) From Load L2 Where L2.traffic >= L1.traffic and L2.srcIP <> L1.srcIP) as others,",
                "(Select Count(*) From Load L2 Where L2.traffic > 0.5 * L1.traffic and L2.traffic <> 200) as half",
                "From Load L1"));
        packet(0, "10.0.0.1", "10.0.0.9", 80, 100);
        packet(1, "10.0.0.2", "10.0.0.9", 80, 200);
        packet(2, "10.0.0.3", "10.0.0.9", 80, 200);
        packet(3, "10.0.0.4", "10.0.0.9", 80, 300);
        engine.finish();
        assertThat(out.stream().filter(l -> l.startsWith("R@") && l.contains("final"))).containsExactly(
                "R@3 final rel 10.0.0.1,0,1,3,3,2",
                "R@3 final rel 10.0.0.2,1,3,1,2,1",
                "R@3 final rel 10.0.0.3,1,3,1,2,1",
                "R@3 final rel 10.0.0.4,3,4,0,0,1");
    }

    private void icmp(double seconds, String src, String dst) {
        Packet p = new Packet();
        p.reset();
        p.ts = T0 + Math.round(seconds * S);
        p.len = 98;
        p.ipVersion = 4;
        p.ip4Src = IpAddress.parse(src).v4Bits();
        p.ip4Dst = IpAddress.parse(dst).v4Bits();
        p.ipProto = 1;
        p.point = points.intern("B");
        for (int f : new int[] {Packet.TS, Packet.LEN, Packet.IP_VERSION, Packet.IP_SRC, Packet.IP_DST,
            Packet.IP_PROTO}) {
            p.set(f);
        }
        engine.onPacket(p);
    }
}
