package org.intstream.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.intstream.p4runtime.testswitch.SwitchEndpoint;
import org.intstream.p4runtime.testswitch.SwitchEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The switch crashes and comes back empty: the driver reconnects with backoff and installs everything again. */
class ResyncSwitchTest {

    private SwitchEndpoint device;
    private P4RuntimeClient client;
    private final BlockingQueue<MastershipEvent> roles = new LinkedBlockingQueue<>();
    private final BlockingQueue<ResyncReport> resyncs = new LinkedBlockingQueue<>();
    private final BlockingQueue<PacketIn> packetIns = new LinkedBlockingQueue<>();

    @BeforeEach
    void connect() throws Exception {
        device = SwitchEndpoints.create("resync", 1);
        device.start();
        client = P4RuntimeClient.builder(device.target(), device.deviceId(), ElectionId.of(1))
                .backoff(new ReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400), 2)).build();
        client.addMastershipListener(roles::add);
        client.addResyncListener(resyncs::add);
        client.addPacketInListener(packetIns::add);
        assertThat(client.connect()).isEqualTo(MastershipRole.PRIMARY);
        assertThat(roles.poll(5, TimeUnit.SECONDS).role()).isEqualTo(MastershipRole.PRIMARY);
        client.setPipelineConfig(PipelineConfig.fromFiles(TestPrograms.P4INFO, TestPrograms.BMV2_JSON));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (device != null) {
            device.stop();
        }
    }

    private static final TableEntrySpec L2 = TableEntrySpec.builder("DriverTestIngress.l2_exact")
            .exact("dst_mac", "00:00:00:00:00:02")
            .action(ActionSpec.of("DriverTestIngress.set_egress_port").param("port", 2)).build();
    private static final TableEntrySpec LPM = TableEntrySpec.builder("DriverTestIngress.ipv4_lpm")
            .lpm("ipv4_dst", "10.0.0.0", 8)
            .action(ActionSpec.of("DriverTestIngress.set_next_hop").param("dmac", "00:00:00:00:00:03").param("port", 3))
            .build();
    private static final TableEntrySpec ACL = TableEntrySpec.builder("DriverTestIngress.acl").optional("in_port", 255)
            .priority(5).action(ActionSpec.of("DriverTestIngress.count_and_clone").param("index", 1).param("session", 100))
            .build();

    @Test
    void afterARestartEverythingInstalledIsBackAndOnlyThat() throws Exception {
        client.batch().insert(CloneSessionSpec.toPort(100, device.cpuPort())).insert(L2).insert(LPM).insert(ACL)
                .insert(TableEntrySpec.builder("l2_exact").exact("dst_mac", 9).action("drop").build()).write();
        client.delete(TableEntrySpec.builder("l2_exact").exact("dst_mac", 9).build());
        client.setDefaultAction("ipv4_lpm", ActionSpec.of("drop"));
        client.setMeterConfig(new MeterConfigSpec("port_meter", 2, 50, 5, 100, 10));

        device.stop();
        assertThat(roles.poll(5, TimeUnit.SECONDS).role()).isEqualTo(MastershipRole.DISCONNECTED);
        // Down long enough for several attempts to fail and the delay to grow.
        Thread.sleep(1000);
        int attemptsWhileDown = client.reconnectAttempts();
        assertThat(attemptsWhileDown).as("attempts in 1 s with delays 50, 100, 200, 400 ms").isBetween(2, 6);
        device.start();

        assertThat(roles.poll(10, TimeUnit.SECONDS).role()).isEqualTo(MastershipRole.PRIMARY);
        ResyncReport report = resyncs.poll(10, TimeUnit.SECONDS);
        assertThat(report).as("re-sync report").isNotNull();
        assertThat(report.error()).isNull();
        assertThat(report.isComplete()).isTrue();
        assertThat(report.pipelinePushed()).isTrue();
        // clone session, three entries, one default action, one meter cell; the deleted entry stays deleted.
        assertThat(report.reinstalled()).isEqualTo(6);
        assertThat(report.stillPresent()).isZero();

        assertThat(client.readTableEntries("l2_exact")).containsExactly(L2);
        assertThat(client.readTableEntries("ipv4_lpm")).containsExactly(LPM);
        assertThat(client.readTableEntries("acl")).containsExactly(ACL);
        assertThat(client.readDefaultAction("ipv4_lpm")).isEqualTo(ActionSpec.of("DriverTestIngress.drop"));
        assertThat(client.readCloneSessions()).containsExactly(CloneSessionSpec.toPort(100, device.cpuPort()));
        assertThat(client.readMeterConfig("port_meter", 2))
                .isEqualTo(new MeterConfigSpec("DriverTestIngress.port_meter", 2, 50, 5, 100, 10));

        // The clone session is back too: a packet-out is cloned to the CPU again.
        client.sendPacketOut(PacketOut.of(TestFrames.udp(3)).metadata("egress_port", 2));
        PacketIn in = packetIns.poll(5, TimeUnit.SECONDS);
        assertThat(in).isNotNull();
        assertThat(in.payload()).isEqualTo(TestFrames.udp(3));
    }

    @Test
    void aSwitchThatKeptItsStateIsOnlyRewrittenInPlace() throws Exception {
        client.insert(L2);
        // Another controller would do this; here a second client takes over and gives back mastership,
        // which makes ours primary again without the switch losing anything.
        try (P4RuntimeClient other = P4RuntimeClient.builder(device.target(), device.deviceId(), ElectionId.of(2))
                .build()) {
            assertThat(other.connect()).isEqualTo(MastershipRole.PRIMARY);
            assertThat(roles.poll(5, TimeUnit.SECONDS).role()).isEqualTo(MastershipRole.BACKUP);
        }
        assertThat(roles.poll(5, TimeUnit.SECONDS).role()).isEqualTo(MastershipRole.PRIMARY);
        ResyncReport report = resyncs.poll(10, TimeUnit.SECONDS);
        assertThat(report.isComplete()).isTrue();
        assertThat(report.pipelinePushed()).isFalse();
        assertThat(report.reinstalled()).isZero();
        assertThat(report.stillPresent()).isEqualTo(1);
        assertThat(client.readTableEntries("l2_exact")).isEqualTo(List.of(L2));
    }
}
