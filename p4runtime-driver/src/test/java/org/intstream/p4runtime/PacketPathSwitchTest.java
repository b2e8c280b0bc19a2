package org.intstream.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.intstream.p4runtime.testswitch.SwitchEndpoint;
import org.intstream.p4runtime.testswitch.SwitchEndpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Packet-out in, clone to the CPU, packet-in out, and the counter and meter cells on the way. */
class PacketPathSwitchTest {

    private static final int CLONE_SESSION = 100;
    private static final int ACL_COUNTER_CELL = 7;

    private static SwitchEndpoint device;
    private static P4RuntimeClient client;
    private static PipelineConfig pipeline;
    private final BlockingQueue<PacketIn> packetIns = new LinkedBlockingQueue<>();

    @BeforeAll
    static void startSwitch() throws Exception {
        device = SwitchEndpoints.create("packet-path", 1);
        device.start();
        client = P4RuntimeClient.builder(device.target(), device.deviceId(), ElectionId.of(1)).build();
        assertThat(client.connect()).isEqualTo(MastershipRole.PRIMARY);
        pipeline = PipelineConfig.fromFiles(TestPrograms.P4INFO, TestPrograms.BMV2_JSON);
    }

    @AfterAll
    static void stopSwitch() {
        if (client != null) {
            client.close();
        }
        if (device != null) {
            device.stop();
        }
    }

    @BeforeEach
    void freshPipeline() {
        client.setPipelineConfig(pipeline);
        client.addPacketInListener(packetIns::add);
    }

    /** Every packet from the CPU port is counted in cell 7 and cloned to session 100. */
    private void cloneEverythingFromTheCpu() {
        client.insert(CloneSessionSpec.toPort(CLONE_SESSION, device.cpuPort()));
        client.insert(TableEntrySpec.builder("acl").optional("in_port", device.cpuPort()).priority(10)
                .action(ActionSpec.of("count_and_clone").param("index", ACL_COUNTER_CELL).param("session", CLONE_SESSION))
                .build());
    }

    @Test
    void aPacketOutClonedToTheCpuComesBackAsAPacketInWithItsMetadata() throws Exception {
        cloneEverythingFromTheCpu();
        byte[] frame = TestFrames.udp(1);
        client.sendPacketOut(PacketOut.of(frame).metadata("egress_port", 1));

        PacketIn in = packetIns.poll(5, TimeUnit.SECONDS);
        assertThat(in).as("packet-in within 5 s; switch log:%n%s", device.logTail()).isNotNull();
        assertThat(in.metadataLong("ingress_port")).isEqualTo(device.cpuPort());
        assertThat(in.metadataLong("reason")).isEqualTo(1);
        assertThat(in.payload()).isEqualTo(frame);
        assertThat(packetIns.poll(200, TimeUnit.MILLISECONDS)).as("only one copy").isNull();
    }

    @Test
    void countersAreReadByIndexAndAllAtOnce() throws Exception {
        cloneEverythingFromTheCpu();
        byte[] frame = TestFrames.udp(2);
        for (int i = 0; i < 3; i++) {
            client.sendPacketOut(PacketOut.of(frame).metadata("egress_port", 1));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(packetIns.poll(5, TimeUnit.SECONDS)).as("packet-in %d", i).isNotNull();
        }

        CounterReading cell = client.readCounter("acl_hits", ACL_COUNTER_CELL);
        assertThat(cell).isEqualTo(new CounterReading("DriverTestIngress.acl_hits", ACL_COUNTER_CELL, 3,
                3L * (frame.length + TestFrames.PACKET_OUT_HEADER_BYTES)));

        List<CounterReading> all = client.readCounters("DriverTestIngress.acl_hits");
        assertThat(all).hasSize(1024);
        assertThat(all.get(ACL_COUNTER_CELL)).isEqualTo(cell);
        assertThat(all).filteredOn(c -> c.index() != ACL_COUNTER_CELL)
                .allSatisfy(c -> assertThat(c.packets()).isZero());
        assertThat(all).extracting(CounterReading::index).isSorted();

        assertThatThrownBy(() -> client.readCounter("acl_hits", 1024)).isInstanceOf(InvalidEntityException.class)
                .hasMessageContaining("index 1024 is not within 0..1023");
        assertThatThrownBy(() -> client.readCounters("acl_hit")).hasMessageContaining("unknown counter 'acl_hit'");
    }

    @Test
    void meterConfigIsWrittenAndReadBack() {
        MeterConfigSpec config = new MeterConfigSpec("port_meter", 3, 100, 10, 200, 20);
        client.setMeterConfig(config);
        assertThat(client.readMeterConfig("port_meter", 3))
                .isEqualTo(new MeterConfigSpec("DriverTestIngress.port_meter", 3, 100, 10, 200, 20));
        assertThatThrownBy(() -> client.setMeterConfig(new MeterConfigSpec("port_meter", 16, 1, 1, 1, 1)))
                .isInstanceOf(InvalidEntityException.class).hasMessageContaining("past the meter's size 16");
    }

    @Test
    void cloneSessionsAndMulticastGroupsAreInsertedModifiedAndDeleted() {
        client.insert(CloneSessionSpec.toPort(5, device.cpuPort()));
        assertThatThrownBy(() -> client.insert(CloneSessionSpec.toPort(5, 1)))
                .isInstanceOfSatisfying(P4RuntimeException.class,
                        e -> assertThat(e.hasCode(io.grpc.Status.Code.ALREADY_EXISTS)).isTrue())
                .hasMessageContaining("insert clone session 5: ALREADY_EXISTS");
        CloneSessionSpec twoPorts = new CloneSessionSpec(5, List.of(Replica.toPort(2), Replica.toPort(3)), 0, 0);
        client.modify(twoPorts);
        assertThat(client.readCloneSessions()).containsExactly(twoPorts);
        client.deleteCloneSession(5);
        assertThat(client.readCloneSessions()).isEmpty();

        client.insert(new MulticastGroupSpec(9, List.of(new Replica(1, 1), new Replica(2, 1))));
        MulticastGroupSpec onePort = new MulticastGroupSpec(9, List.of(new Replica(3, 1)));
        client.modify(onePort);
        assertThat(client.readMulticastGroups()).containsExactly(onePort);
        client.deleteMulticastGroup(9);
        assertThat(client.readMulticastGroups()).isEmpty();
        assertThatThrownBy(() -> client.deleteMulticastGroup(9))
                .hasMessageContaining("delete multicast group 9: NOT_FOUND");
    }
}
