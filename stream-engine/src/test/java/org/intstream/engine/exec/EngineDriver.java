package org.intstream.engine.exec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.intstream.engine.packet.Packet;
import org.intstream.engine.packet.PointTable;
import org.intstream.query.QueryDefinition;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.type.IpAddress;

/**
 * Drives an engine with hand-built packets and keeps what it outputs, the way Kafka Streams'
 * TopologyTestDriver drives a topology: tests state packets and expected rows, nothing else.
 */
final class EngineDriver {
    final Engine engine;
    final Map<String, List<WindowBatch>> out = new LinkedHashMap<>();

    EngineDriver(EngineConfig config, String... queries) {
        engine = new Engine(FunctionRegistry.builtins(), config, new PointTable());
        for (String text : queries) {
            for (QueryDefinition q : DslParser.parse(text)) {
                engine.register(q, Map.of());
            }
        }
        engine.addSink((info, batch) -> out.computeIfAbsent(info.output(), k -> new ArrayList<>()).add(batch));
    }

    EngineDriver(String... queries) {
        this(EngineConfig.defaults(), queries);
    }

    /** A packet under construction; {@link #send()} hands it to the engine. */
    final class PacketBuilder {
        private final Packet p = engine.packet();

        PacketBuilder(long tsMicros) {
            p.reset();
            p.ts = tsMicros;
            p.set(Packet.TS);
            p.len = 60;
            p.set(Packet.LEN);
        }

        PacketBuilder ip(String src, String dst, int proto) {
            IpAddress s = IpAddress.parse(src);
            IpAddress d = IpAddress.parse(dst);
            p.ipVersion = s.version();
            if (s.isV4()) {
                p.ip4Src = s.v4Bits();
                p.ip4Dst = d.v4Bits();
            } else {
                p.ip6SrcHi = s.hi();
                p.ip6SrcLo = s.lo();
                p.ip6DstHi = d.hi();
                p.ip6DstLo = d.lo();
            }
            p.ipProto = proto;
            p.ipTtl = 64;
            p.set(Packet.IP_VERSION);
            p.set(Packet.IP_SRC);
            p.set(Packet.IP_DST);
            p.set(Packet.IP_PROTO);
            p.set(Packet.IP_TTL);
            return this;
        }

        PacketBuilder tcp(String src, int sport, String dst, int dport, int flags) {
            ip(src, dst, 6);
            p.sport = sport;
            p.dport = dport;
            p.tcpFlags = flags;
            p.payloadLen = 0;
            p.set(Packet.L4_SPORT);
            p.set(Packet.L4_DPORT);
            p.set(Packet.TCP_FLAGS);
            p.set(Packet.TCP_SEQ);
            p.set(Packet.TCP_ACK);
            p.set(Packet.TCP_WIN);
            p.set(Packet.PAYLOAD_LEN);
            p.tcpWin = 1000;
            return this;
        }

        PacketBuilder udp(String src, int sport, String dst, int dport) {
            ip(src, dst, 17);
            p.sport = sport;
            p.dport = dport;
            p.set(Packet.L4_SPORT);
            p.set(Packet.L4_DPORT);
            p.set(Packet.PAYLOAD_LEN);
            return this;
        }

        PacketBuilder icmp(String src, String dst, int type) {
            ip(src, dst, 1);
            p.icmpType = type;
            p.set(Packet.ICMP_TYPE);
            return this;
        }

        PacketBuilder seq(long seq, long ack, int payload) {
            p.tcpSeq = seq;
            p.tcpAck = ack;
            p.payloadLen = payload;
            return this;
        }

        PacketBuilder len(int len) {
            p.len = len;
            return this;
        }

        void send() {
            engine.onDecodedPacket();
        }
    }

    PacketBuilder at(long tsMicros) {
        return new PacketBuilder(tsMicros);
    }

    static long s(double seconds) {
        return Math.round(seconds * 1_000_000);
    }

    EngineDriver finish() {
        engine.finish();
        return this;
    }

    List<WindowBatch> batches(String output) {
        return out.getOrDefault(output, List.of());
    }

    /** Rows of an output as text lines "start|v1|v2…" for compact assertions. */
    List<String> lines(String output) {
        List<String> lines = new ArrayList<>();
        for (WindowBatch b : batches(output)) {
            for (Object[] r : b.rows) {
                StringBuilder sb = new StringBuilder().append(b.start);
                for (Object v : r) {
                    sb.append('|').append(v);
                }
                lines.add(sb.toString());
            }
        }
        return lines;
    }
}
