package org.intstream.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.intstream.p4runtime.testswitch.FakeP4RuntimeServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's own logic over real gRPC against an in-memory server, so it runs where no switch is
 * installed: roles, error mapping, reconnection with backoff and re-sync of table entries.
 */
class P4RuntimeClientTest {

    private final FakeP4RuntimeServer device = new FakeP4RuntimeServer(1);
    private P4RuntimeClient client;
    private final BlockingQueue<MastershipEvent> roles = new LinkedBlockingQueue<>();
    private final BlockingQueue<ResyncReport> resyncs = new LinkedBlockingQueue<>();
    private PipelineConfig pipeline;

    private static final TableEntrySpec L2 = TableEntrySpec.builder("DriverTestIngress.l2_exact")
            .exact("dst_mac", "00:00:00:00:00:02")
            .action(ActionSpec.of("DriverTestIngress.set_egress_port").param("port", 2)).build();
    private static final TableEntrySpec ACL = TableEntrySpec.builder("DriverTestIngress.acl")
            .ternary("ipv4_src", "10.0.0.0", "255.0.0.0").priority(3).action("DriverTestIngress.drop").build();

    @BeforeEach
    void connect() throws Exception {
        device.start();
        client = P4RuntimeClient.builder(device.target(), 1, ElectionId.of(7))
                .backoff(new ReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400), 2)).build();
        client.addMastershipListener(roles::add);
        client.addResyncListener(resyncs::add);
        assertThat(client.connect()).isEqualTo(MastershipRole.PRIMARY);
        assertThat(roles.poll(5, TimeUnit.SECONDS).role()).isEqualTo(MastershipRole.PRIMARY);
        pipeline = PipelineConfig.fromFiles(TestPrograms.P4INFO, TestPrograms.BMV2_JSON);
        client.setPipelineConfig(pipeline);
    }

    @AfterEach
    void close() {
        client.close();
        device.stop();
    }

    @Test
    void writesAndReadsGoByName() {
        client.batch().insert(L2).insert(ACL).write();
        assertThat(client.readTableEntries("l2_exact")).containsExactly(L2);
        assertThat(client.readTableEntries("acl")).containsExactly(ACL);
        assertThat(client.pipelineCookie()).hasValue(pipeline.cookie());
    }

    @Test
    void aDuplicateInsertNamesTheEntry() {
        client.insert(L2);
        assertThatThrownBy(() -> client.insert(L2)).isInstanceOfSatisfying(P4RuntimeException.class,
                e -> assertThat(e.updateErrors()).extracting(UpdateError::code).containsExactly(Status.Code.ALREADY_EXISTS))
                .hasMessage("write to device 1 at " + device.target() + " failed: insert table entry "
                        + "DriverTestIngress.l2_exact{dst_mac=0x000000000002}: ALREADY_EXISTS "
                        + "(Match entry exists, use MODIFY if you wish to change action)");
    }

    @Test
    void aBackupIsToldWhoIsPrimaryAndItsWritesAreRefused() {
        try (P4RuntimeClient backup = P4RuntimeClient.builder(device.target(), 1, ElectionId.of(3)).build()) {
            assertThat(backup.connect()).isEqualTo(MastershipRole.BACKUP);
            backup.usePipeline(pipeline.p4info());
            assertThatThrownBy(() -> backup.insert(L2)).isInstanceOfSatisfying(P4RuntimeException.class,
                    e -> assertThat(e.code()).isEqualTo(Status.Code.PERMISSION_DENIED))
                    .hasMessageContaining("the primary's election id is 7");
            assertThatThrownBy(() -> backup.sendPacketOut(PacketOut.of(TestFrames.udp(1))))
                    .isInstanceOfSatisfying(P4RuntimeException.class,
                            e -> assertThat(e.code()).isEqualTo(Status.Code.PERMISSION_DENIED))
                    .hasMessageContaining("packet-out to device 1").hasMessageContaining("not the primary");
            assertThatThrownBy(backup::connect).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already connected");
        }
    }

    @Test
    void afterARestartTheEntriesAreWrittenBackOnceTheSwitchAnswersAgain() throws Exception {
        client.batch().insert(L2).insert(ACL).write();
        client.delete(ACL);
        device.stop();
        assertThat(roles.poll(5, TimeUnit.SECONDS).role()).isEqualTo(MastershipRole.DISCONNECTED);
        assertThatThrownBy(() -> client.insert(ACL)).isInstanceOfSatisfying(P4RuntimeException.class,
                e -> assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE))
                .hasMessageContaining("the switch did not answer");
        Thread.sleep(800);
        assertThat(client.reconnectAttempts()).isBetween(2, 5);
        device.start();

        assertThat(roles.poll(10, TimeUnit.SECONDS).role()).isEqualTo(MastershipRole.PRIMARY);
        ResyncReport report = resyncs.poll(10, TimeUnit.SECONDS);
        assertThat(report.isComplete()).as("%s", report).isTrue();
        assertThat(report.pipelinePushed()).isTrue();
        assertThat(report.reinstalled()).isEqualTo(1);
        assertThat(client.readTableEntries("l2_exact")).containsExactly(L2);
        assertThat(client.readTableEntries("acl")).isEmpty();
        assertThat(client.pipelineCookie()).hasValue(pipeline.cookie());
    }

    @Test
    void aClosedClientSaysSo() {
        client.close();
        assertThatThrownBy(() -> client.insert(L2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
        assertThat(client.role()).isEqualTo(MastershipRole.DISCONNECTED);
    }

    @Test
    void namesNeedAP4Info() {
        try (P4RuntimeClient fresh = P4RuntimeClient.builder(device.target(), 1, ElectionId.of(2)).build()) {
            assertThatThrownBy(() -> fresh.readTableEntries("acl")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("call setPipelineConfig or usePipeline");
        }
    }
}
