package org.intstream.query.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.intstream.query.QueryDefinition;
import org.intstream.query.dsl.DslParser;
import org.junit.jupiter.api.Test;

class SwitchStageExtractorTest {
    private static SwitchStage stage(String body) {
        QueryDefinition q = DslParser.parseQuery("query q(t = 5, w = 5s)\n  packets\n" + body);
        return SwitchStageExtractor.extract(q, Map.of());
    }

    private static long[] packet(int src, int dst, int proto, int sport, int dport, int flags) {
        long[] f = new long[SwitchField.values().length];
        f[SwitchField.IPV4_SRC.ordinal()] = src & 0xFFFFFFFFL;
        f[SwitchField.IPV4_DST.ordinal()] = dst & 0xFFFFFFFFL;
        f[SwitchField.IP_PROTO.ordinal()] = proto;
        f[SwitchField.L4_SPORT.ordinal()] = sport;
        f[SwitchField.L4_DPORT.ordinal()] = dport;
        f[SwitchField.TCP_FLAGS.ordinal()] = flags;
        return f;
    }

    @Test
    void disjunctionsBecomeOneEntryEachAndContradictionsNone() {
        SwitchStage s = stage("  | filter (l4.dport == 80 or l4.dport == 443) and ip.dst in 10.0.0.0/8\n"
                + "  | window tumbling w\n  | reduce count() as n by ip.src as src\n  | filter n > t\n");
        // two ports x two protocols (ports exist on TCP and UDP)
        assertThat(s.filter()).hasSize(4);
        assertThat(s.admits(packet(1, 0x0A000001, 6, 1234, 443, 0x10))).isTrue();
        assertThat(s.admits(packet(1, 0x0A000001, 17, 1234, 80, 0))).isTrue();
        assertThat(s.admits(packet(1, 0x0B000001, 6, 1234, 443, 0x10))).isFalse();
        assertThat(s.admits(packet(1, 0x0A000001, 1, 0, 0, 0))).isFalse();

        assertThatThrownBy(() -> stage("  | filter ip.proto == 6 and ip.proto == 17\n  | window tumbling w\n"
                + "  | reduce count() as n by ip.src as src\n"))
                .isInstanceOf(NotSwitchPlaceableException.class).hasMessageContaining("admits no packet");
    }

    @Test
    void negatedFlagsPinTcpAndDeMorganSplitsThem() {
        SwitchStage s = stage("  | filter not (tcp.flags.syn and tcp.flags.ack)\n  | window tumbling w\n"
                + "  | reduce count() as n by ip.dst as dst\n  | filter n >= t\n");
        assertThat(s.threshold()).isEqualTo(4);
        assertThat(s.admits(packet(1, 2, 6, 1, 2, 0x02))).isTrue();
        assertThat(s.admits(packet(1, 2, 6, 1, 2, 0x12))).isFalse();
        // a UDP packet has no TCP flags: the engine's condition is false on it, and so is the switch's
        assertThat(s.admits(packet(1, 2, 17, 1, 2, 0))).isFalse();
    }

    @Test
    void keysAreMaskedTupleFields() {
        SwitchStage s = stage("  | window tumbling w\n  | reduce sum(len) as bytes by mask(ip.src, 24) as net, l4.dport\n");
        assertThat(s.key()).isEqualTo(new TupleMasks(0xFFFFFF00, 0, 0, 0, 0xFFFF));
        assertThat(s.operation()).isEqualTo(SwitchStage.Operation.BYTES);
        assertThat(s.threshold()).isEqualTo(SwitchStage.NO_THRESHOLD);
        assertThat(s.keyColumns()).containsExactly("net", "l4.dport");
    }

    @Test
    void unplaceablePartsAreRefusedWithTheirPosition() {
        assertThatThrownBy(() -> stage("  | filter l4.dport != 80\n  | window tumbling w\n  | reduce count() as n by ip.src as s\n"))
                .isInstanceOf(NotSwitchPlaceableException.class)
                .hasMessageContaining("line 3, column 12").hasMessageContaining("l4.dport != 80");
        assertThatThrownBy(() -> stage("  | window sliding 10s every 5s\n  | reduce count() as n by ip.src as s\n"))
                .isInstanceOf(NotSwitchPlaceableException.class).hasMessageContaining("tumbling");
        assertThatThrownBy(() -> stage("  | window tumbling w\n  | reduce max(len) as n by ip.src as s\n"))
                .isInstanceOf(NotSwitchPlaceableException.class).hasMessageContaining("not max(len)");
        assertThatThrownBy(() -> stage("  | filter ip.src == ip(\"fd77::1\")\n  | window tumbling w\n  | reduce count() as n by ip.src as s\n"))
                .isInstanceOf(NotSwitchPlaceableException.class).hasMessageContaining("admits no packet");
    }

    @Test
    void parametersAreBoundBeforeExtraction() {
        QueryDefinition q = DslParser.parseQuery("query q(t = 5, w = 5s)\n  packets\n  | window tumbling w\n"
                + "  | reduce count() as n by ip.src as s\n  | filter n > t\n");
        SwitchStage s = SwitchStageExtractor.extract(q, Map.of("t", "70", "w", "2s"));
        assertThat(s.threshold()).isEqualTo(70);
        assertThat(s.windowMicros()).isEqualTo(2_000_000);
        assertThat(s.filter()).isEqualTo(List.of(SwitchMatch.ANY));
    }
}
