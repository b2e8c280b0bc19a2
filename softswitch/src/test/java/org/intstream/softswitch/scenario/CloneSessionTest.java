package org.intstream.softswitch.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.intstream.softswitch.Frames;
import org.intstream.softswitch.engine.OutputPacket;
import org.intstream.softswitch.tm.CloneSession;
import org.intstream.softswitch.tm.Replica;
import org.junit.jupiter.api.Test;

/**
 * forwarding.p4's ingress clone to the CPU: the copy is the packet as it arrived (re-parsed), with only
 * the field list's metadata; a session's packet length cuts it further; without a session nothing is
 * cloned and the original goes on.
 */
class CloneSessionTest {
    private final ForwardingFixture f = new ForwardingFixture();

    private byte[] ssh() {
        return Frames.frame().ethernet(0x000000000002L, 0x000000000001L, 0x0800)
                .ipv4(20 + 20 + 100, 1, 64, 6, 0x0a010101L, 0x0a000205L, 0).tcp(33333, 22).hex("00".repeat(100)).build();
    }

    private void mirrorSsh() {
        f.add("TestIngress.l2", List.of(ForwardingFixture.exact(2, 48)), 0, "TestIngress.set_port", 2);
        f.add("TestIngress.acl", List.of(ForwardingFixture.exact(1, 1), ForwardingFixture.exact(1, 1),
                ForwardingFixture.ternary(0x0a000000L, 0xff000000L), ForwardingFixture.ternary(22, 0xffff)), 10,
                "TestIngress.mirror_to_cpu");
    }

    @Test
    void sessionPacketLengthCutsTheClone() {
        mirrorSsh();
        f.pre.putSession(new CloneSession(100, List.of(new Replica(ForwardingFixture.CPU_PORT, 0)), 0, 30));

        List<OutputPacket> out = f.send(1, ssh());

        assertThat(out).extracting(OutputPacket::port).containsExactlyInAnyOrder(ForwardingFixture.CPU_PORT, 2);
        OutputPacket clone = out.stream().filter(o -> o.port() == ForwardingFixture.CPU_PORT).findFirst().orElseThrow();
        assertThat(clone.data()).hasSize(30);
        // packet_in header: ingress port 1 (9 bits), reason 1 (7 bits); then the frame as it arrived.
        assertThat(Frames.hexOf(clone.data()).substring(0, 4)).isEqualTo("0081");
        // Up to the IPv4 checksum, which the egress recomputes for the clone too.
        assertThat(java.util.Arrays.copyOfRange(clone.data(), 2, 2 + 24)).isEqualTo(java.util.Arrays.copyOf(ssh(), 24));
    }

    @Test
    void withoutASessionNothingIsCloned() {
        mirrorSsh();
        assertThat(f.send(1, ssh())).extracting(OutputPacket::port).containsExactly(2);
    }
}
