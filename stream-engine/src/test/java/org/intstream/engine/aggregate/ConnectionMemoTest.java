package org.intstream.engine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.eval.ExprCompiler;
import org.intstream.engine.packet.Packet;
import org.intstream.engine.packet.PointTable;
import org.intstream.engine.record.PacketRecord;
import org.intstream.engine.tcp.TcpAnalyzer;
import org.intstream.engine.tcp.TcpFacts;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.plan.Schema;
import org.junit.jupiter.api.Test;

/**
 * Key tables that keep their id for a connection's key in the connection's memo words must answer exactly as
 * tables that probe every time: across windows, with two tables on one word, when a 4-tuple is reused, when a
 * connection's client and server are learnt late, when the analysis evicts connections and reuses their rows.
 */
class ConnectionMemoTest {
    private static final int[] FLAGS = {Packet.SYN, Packet.SYN | Packet.ACK, Packet.ACK, Packet.ACK | Packet.PSH,
        Packet.FIN | Packet.ACK, Packet.RST, Packet.ACK};

    private final ExprCompiler fields = new ExprCompiler(Schema.packets(), FunctionRegistry.builtins());

    private KeyCodec codec(int memoWord, String... names) {
        Evaluator[] parts = new Evaluator[names.length];
        int[] bits = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            parts[i] = fields.compile(FieldRef.of(names[i]));
            bits[i] = names[i].endsWith("port") ? 16 : 64;
        }
        return new KeyCodec(parts, bits, memoWord);
    }

    private static Packet packet(Random rnd, long ts) {
        Packet p = new Packet();
        p.reset();
        p.ts = ts;
        p.len = 60 + rnd.nextInt(1400);
        p.ipVersion = 4;
        // few hosts and ports: connections collide, 4-tuples are reused, both directions occur
        boolean forward = rnd.nextBoolean();
        int client = 0x0A000002 + rnd.nextInt(4);
        int server = 0x0A000100 + rnd.nextInt(2);
        int clientPort = 40000 + rnd.nextInt(6);
        int serverPort = rnd.nextBoolean() ? 80 : 22;
        p.ip4Src = forward ? client : server;
        p.ip4Dst = forward ? server : client;
        p.sport = forward ? clientPort : serverPort;
        p.dport = forward ? serverPort : clientPort;
        p.ipProto = rnd.nextInt(10) == 0 ? 17 : 6;
        int[] fieldsSet = {Packet.IP_VERSION, Packet.IP_SRC, Packet.IP_DST, Packet.IP_PROTO, Packet.L4_SPORT,
            Packet.L4_DPORT};
        for (int f : fieldsSet) {
            p.set(f);
        }
        if (p.ipProto == 6) {
            p.tcpFlags = FLAGS[rnd.nextInt(FLAGS.length)];
            p.tcpSeq = rnd.nextInt(1000);
            p.tcpAck = rnd.nextInt(1000);
            p.tcpWin = 1000;
            p.payloadLen = rnd.nextInt(3) * 100;
            for (int f : new int[] {Packet.TCP_FLAGS, Packet.TCP_SEQ, Packet.TCP_ACK, Packet.TCP_WIN, Packet.PAYLOAD_LEN}) {
                p.set(f);
            }
        }
        return p;
    }

    @Test
    void memoizedTablesAnswerAsTablesThatProbe() {
        String[] tuple = {"ip.src", "l4.sport", "ip.dst", "l4.dport"};
        String[] roles = {"tcp.conn.client", "tcp.conn.client_port", "tcp.conn.server", "tcp.conn.server_port"};
        String[] pair = {"ip.src", "l4.dport"};
        // the tuple and the pair tables share word 0
        KeyTable[] memo = {new KeyTable(codec(0, tuple), 16, 1000), new KeyTable(codec(1, roles), 16, 1000),
            new KeyTable(codec(0, pair), 16, 1000), new KeyTable(codec(2, tuple), 16, 5)};
        KeyTable[] probing = {new KeyTable(codec(-1, tuple), 16, 1000), new KeyTable(codec(-1, roles), 16, 1000),
            new KeyTable(codec(-1, pair), 16, 1000), new KeyTable(codec(-1, tuple), 16, 5)};
        // a small cap: the analysis evicts connections and hands their rows to others
        TcpAnalyzer analyzer = new TcpAnalyzer(7);
        TcpFacts facts = new TcpFacts();
        Random rnd = new Random(7);
        int memoHits = 0;
        for (int i = 0; i < 200_000; i++) {
            Packet p = packet(rnd, i);
            analyzer.analyze(p, facts);
            PacketRecord r = new PacketRecord(p, facts, new PointTable());
            for (int t = 0; t < memo.length; t++) {
                boolean wasMemo = facts.hasMemo() && memo[t].codec().memoWord() >= 0;
                int expected = probing[t].idOf(r);
                int got = memo[t].idOf(r);
                assertThat(got).as("table %d, packet %d", t, i).isEqualTo(expected);
                assertThat(memo[t].lastWasNew()).as("new key, table %d, packet %d", t, i)
                        .isEqualTo(probing[t].lastWasNew());
                if (wasMemo && got != KeyTable.FULL) {
                    // the id now waits in the connection's memo word (low 24 bits: id + 1)
                    assertThat(facts.memo(memo[t].codec().memoWord()) & 0xFFFFFF).isEqualTo(got + 1);
                    memoHits++;
                }
            }
            if (rnd.nextInt(500) == 0) { // a window closes
                int t = rnd.nextInt(memo.length);
                memo[t].clear();
                probing[t].clear();
            }
        }
        assertThat(analyzer.evictedConnections()).as("rows were reused").isPositive();
        assertThat(memoHits).as("ids kept in connection memo words").isGreaterThan(100_000);
    }
}
