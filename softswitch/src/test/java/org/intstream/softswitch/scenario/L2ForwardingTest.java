package org.intstream.softswitch.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.intstream.softswitch.Frames;
import org.intstream.softswitch.engine.OutputPacket;
import org.junit.jupiter.api.Test;

/** forwarding.p4's exact-match l2 table: known destinations go to their port, unknown ones nowhere. */
class L2ForwardingTest {
    private final ForwardingFixture f = new ForwardingFixture();

    @Test
    void knownDestinationLeavesOnItsPortUnchanged() {
        f.add("TestIngress.l2", List.of(ForwardingFixture.exact(0x000000000002L, 48)), 0, "TestIngress.set_port", 2);
        byte[] frame = Frames.frame().ethernet(0x000000000002L, 0x000000000001L, 0x88cc).hex("0102030405").build();

        List<OutputPacket> out = f.send(1, frame);

        assertThat(out).hasSize(1);
        assertThat(out.get(0).port()).isEqualTo(2);
        assertThat(out.get(0).data()).isEqualTo(frame);
    }

    @Test
    void unknownDestinationIsDroppedByTheDefaultEgressSpecZero() {
        byte[] frame = Frames.frame().ethernet(0x000000000009L, 0x000000000001L, 0x88cc).build();

        List<OutputPacket> out = f.send(1, frame);

        // NoAction leaves egress_spec 0, so the packet goes out of port 0 as in BMv2.
        assertThat(out).extracting(OutputPacket::port).containsExactly(0);
    }

    @Test
    void dropActionDropsAndVlanTagIsRemoved() {
        f.add("TestIngress.l2", List.of(ForwardingFixture.exact(0x0000000000aaL, 48)), 0, "TestIngress.drop");
        f.add("TestIngress.l2", List.of(ForwardingFixture.exact(0x0000000000bbL, 48)), 0, "TestIngress.set_port", 3);
        byte[] dropped = Frames.frame().ethernet(0xaa, 1, 0x88cc).build();
        byte[] tagged = Frames.frame().ethernet(0xbb, 1, 0x8100).bytes(0x0005, 2).bytes(0x88cc, 2).hex("aabb").build();

        assertThat(f.send(1, dropped)).isEmpty();
        List<OutputPacket> out = f.send(1, tagged);

        assertThat(out).hasSize(1);
        assertThat(Frames.hexOf(out.get(0).data())).isEqualTo("0000000000bb000000000001" + "88cc" + "aabb");
    }
}
