package org.intstream.softswitch.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import p4.config.v1.P4InfoOuterClass;
import p4.v1.P4RuntimeOuterClass;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.FieldMatch;
import p4.v1.P4RuntimeOuterClass.Update;

/** The P4Runtime server's answers to good and bad requests, on forwarding.p4 and arith.p4. */
class P4RuntimeServiceTest {
    private SwitchDevice device;
    private P4RuntimeServer server;
    private TestClient primary;
    private P4InfoOuterClass.P4Info info;

    @BeforeEach
    void start() throws Exception {
        device = new SwitchDevice(7, 255);
        server = P4RuntimeServer.start(device, 0);
        primary = new TestClient(server.port(), 7);
        assertThat(primary.arbitrate(10)).isEqualTo(Status.Code.OK.value());
        info = TestClient.p4info("forwarding");
    }

    @AfterEach
    void stop() throws Exception {
        primary.close();
        server.close();
    }

    private int tableId(String name) {
        return info.getTablesList().stream().filter(t -> t.getPreamble().getName().equals(name)).findFirst()
                .orElseThrow().getPreamble().getId();
    }

    private int actionId(String name) {
        return info.getActionsList().stream().filter(a -> a.getPreamble().getName().equals(name)).findFirst()
                .orElseThrow().getPreamble().getId();
    }

    private Entity l2(long mac, int port) {
        return Entity.newBuilder().setTableEntry(P4RuntimeOuterClass.TableEntry.newBuilder()
                .setTableId(tableId("TestIngress.l2"))
                .addMatch(FieldMatch.newBuilder().setFieldId(1).setExact(FieldMatch.Exact.newBuilder()
                        .setValue(Values.canonical(mac))))
                .setAction(P4RuntimeOuterClass.TableAction.newBuilder().setAction(P4RuntimeOuterClass.Action.newBuilder()
                        .setActionId(actionId("TestIngress.set_port"))
                        .addParams(P4RuntimeOuterClass.Action.Param.newBuilder().setParamId(1)
                                .setValue(Values.canonical(port)))))).build();
    }

    private P4RuntimeOuterClass.TableEntry.Builder acl(int priority, ByteString srcValue, ByteString srcMask) {
        return P4RuntimeOuterClass.TableEntry.newBuilder().setTableId(tableId("TestIngress.acl")).setPriority(priority)
                .addMatch(FieldMatch.newBuilder().setFieldId(1).setExact(FieldMatch.Exact.newBuilder().setValue(Values.canonical(1))))
                .addMatch(FieldMatch.newBuilder().setFieldId(2).setExact(FieldMatch.Exact.newBuilder().setValue(Values.canonical(1))))
                .addMatch(FieldMatch.newBuilder().setFieldId(3).setTernary(FieldMatch.Ternary.newBuilder()
                        .setValue(srcValue).setMask(srcMask)))
                .setAction(P4RuntimeOuterClass.TableAction.newBuilder().setAction(P4RuntimeOuterClass.Action.newBuilder()
                        .setActionId(actionId("TestIngress.drop"))));
    }

    /** The per-update canonical codes of a failed batch. */
    private static List<Integer> updateCodes(StatusRuntimeException e) throws Exception {
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
        List<Integer> codes = new ArrayList<>();
        for (com.google.protobuf.Any any : StatusProto.fromThrowable(e).getDetailsList()) {
            codes.add(any.unpack(P4RuntimeOuterClass.Error.class).getCanonicalCode());
        }
        return codes;
    }

    private static StatusRuntimeException failure(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }

    @Test
    void capabilitiesReportTheApiVersion() {
        assertThat(primary.stub.capabilities(P4RuntimeOuterClass.CapabilitiesRequest.getDefaultInstance())
                .getP4RuntimeApiVersion()).isEqualTo("1.2.0");
    }

    @Test
    void writeBeforeAPipelineIsAFailedPrecondition() {
        StatusRuntimeException e = failure(() -> primary.write(Update.Type.INSERT, l2(2, 2)));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(e.getStatus().getDescription()).contains("no forwarding pipeline config");
    }

    @Test
    void aBadPipelineIsRefusedWithTheLoaderMessage() {
        P4RuntimeOuterClass.ForwardingPipelineConfig bad = P4RuntimeOuterClass.ForwardingPipelineConfig.newBuilder()
                .setP4Info(info).setP4DeviceConfig(ByteString.copyFromUtf8("{\"headers\": 3}")).build();
        StatusRuntimeException e = failure(() -> primary.stub.setForwardingPipelineConfig(
                P4RuntimeOuterClass.SetForwardingPipelineConfigRequest.newBuilder().setDeviceId(7)
                        .setElectionId(primary.election()).setConfig(bad)
                        .setAction(P4RuntimeOuterClass.SetForwardingPipelineConfigRequest.Action.VERIFY_AND_COMMIT).build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(e.getStatus().getDescription()).contains("/headers");
        assertThat(device.pipeline()).isNull();
    }

    @Test
    void getPipelineConfigReturnsWhatWasPushed() throws Exception {
        primary.setPipeline("forwarding");
        P4RuntimeOuterClass.ForwardingPipelineConfig got = primary.stub.getForwardingPipelineConfig(
                P4RuntimeOuterClass.GetForwardingPipelineConfigRequest.newBuilder().setDeviceId(7).build()).getConfig();
        assertThat(got.getP4Info()).isEqualTo(info);
        assertThat(got.getP4DeviceConfig()).isEqualTo(TestClient.config("forwarding").getP4DeviceConfig());
    }

    @Test
    void entriesReadBackCanonicalWithWildcardsOmitted() throws Exception {
        primary.setPipeline("forwarding");
        primary.write(Update.Type.INSERT, l2(0x0000000000ABL, 3));
        // A ternary value written with leading zero bytes reads back in its shortest form.
        primary.write(Update.Type.INSERT, Entity.newBuilder().setTableEntry(acl(5,
                ByteString.copyFrom(new byte[] {0, 0, 0, 0x0a}), ByteString.copyFrom(new byte[] {0, 0, 0, (byte) 0xff}))).build());

        List<Entity> all = primary.read(Entity.newBuilder().setTableEntry(P4RuntimeOuterClass.TableEntry.getDefaultInstance()).build());
        assertThat(all).hasSize(2 + 3);  // two written, three const entries of port_class

        List<Entity> acl = primary.read(Entity.newBuilder().setTableEntry(P4RuntimeOuterClass.TableEntry.newBuilder()
                .setTableId(tableId("TestIngress.acl"))).build());
        assertThat(acl).hasSize(1);
        P4RuntimeOuterClass.TableEntry e = acl.get(0).getTableEntry();
        assertThat(e.getPriority()).isEqualTo(5);
        assertThat(e.getMatchList()).extracting(FieldMatch::getFieldId).containsExactly(1, 2, 3);
        assertThat(e.getMatch(2).getTernary().getValue()).isEqualTo(ByteString.copyFrom(new byte[] {0x0a}));
        assertThat(e.getMatch(2).getTernary().getMask()).isEqualTo(ByteString.copyFrom(new byte[] {(byte) 0xff}));
    }

    @Test
    void batchErrorsComeAsUnknownWithOneErrorPerUpdate() throws Exception {
        primary.setPipeline("forwarding");
        primary.write(Update.Type.INSERT, l2(2, 2));

        StatusRuntimeException dup = failure(() -> primary.write(Update.Type.INSERT, l2(3, 3), l2(2, 4)));
        assertThat(updateCodes(dup)).containsExactly(Status.Code.OK.value(), Status.Code.ALREADY_EXISTS.value());
        assertThat(dup.getStatus().getDescription()).contains("already has an entry");

        StatusRuntimeException missing = failure(() -> primary.write(Update.Type.MODIFY, l2(9, 1)));
        assertThat(updateCodes(missing)).containsExactly(Status.Code.NOT_FOUND.value());
        StatusRuntimeException gone = failure(() -> primary.write(Update.Type.DELETE, l2(9, 1)));
        assertThat(updateCodes(gone)).containsExactly(Status.Code.NOT_FOUND.value());

        // The switch keeps working: the good update of the failed batch is in, and new writes succeed.
        primary.write(Update.Type.MODIFY, l2(3, 1));
        primary.write(Update.Type.DELETE, l2(2, 2));
        assertThat(primary.read(Entity.newBuilder().setTableEntry(P4RuntimeOuterClass.TableEntry.newBuilder()
                .setTableId(tableId("TestIngress.l2"))).build())).hasSize(1);
    }

    @Test
    void malformedEntriesAreInvalidArguments() throws Exception {
        primary.setPipeline("forwarding");
        ByteString ip = Values.canonical(0x0a000000L);
        List<Entity> bad = List.of(
                Entity.newBuilder().setTableEntry(acl(0, ip, Values.canonical(0xff000000L))).build(),
                Entity.newBuilder().setTableEntry(acl(1, ip, ByteString.copyFrom(new byte[] {0}))).build(),
                Entity.newBuilder().setTableEntry(acl(1, Values.canonical(0x0a000001L), Values.canonical(0xff000000L))).build(),
                Entity.newBuilder().setTableEntry(acl(1, ByteString.copyFrom(new byte[] {1, 0, 0, 0, 0}), Values.canonical(0xffL))).build(),
                Entity.newBuilder().setTableEntry(P4RuntimeOuterClass.TableEntry.newBuilder().setTableId(tableId("TestIngress.l2"))
                        .setAction(P4RuntimeOuterClass.TableAction.newBuilder().setAction(P4RuntimeOuterClass.Action.newBuilder()
                                .setActionId(actionId("TestIngress.to_cpu"))))).build(),
                Entity.newBuilder().setTableEntry(P4RuntimeOuterClass.TableEntry.newBuilder().setTableId(tableId("TestIngress.routes"))
                        .addMatch(FieldMatch.newBuilder().setFieldId(1).setLpm(FieldMatch.LPM.newBuilder()
                                .setValue(Values.canonical(0x0a000001L)).setPrefixLen(24)))
                        .setAction(P4RuntimeOuterClass.TableAction.newBuilder().setAction(P4RuntimeOuterClass.Action.newBuilder()
                                .setActionId(actionId("TestIngress.drop"))))).build(),
                l2Action(actionId("TestIngress.route")),
                Entity.newBuilder().setTableEntry(l2(7, 1).getTableEntry().toBuilder().setIdleTimeoutNs(1_000_000)).build(),
                Entity.newBuilder().setTableEntry(l2(8, 1).getTableEntry().toBuilder()
                        .setCounterData(P4RuntimeOuterClass.CounterData.newBuilder().setPacketCount(1))).build());
        StatusRuntimeException e = failure(() -> primary.write(Update.Type.INSERT, bad.toArray(new Entity[0])));
        assertThat(updateCodes(e)).containsOnly(Status.Code.INVALID_ARGUMENT.value()).hasSize(bad.size());
        assertThat(e.getStatus().getDescription())
                .contains("need a priority > 0", "omit the field", "bits set outside mask", "does not fit in 32 bits",
                        "exact match field hdr.ethernet.dst", "beyond its /24 prefix", "not an action of table TestIngress.l2",
                        "does not support idle timeouts", "has no direct counter");
    }

    private Entity l2Action(int action) {
        return Entity.newBuilder().setTableEntry(P4RuntimeOuterClass.TableEntry.newBuilder()
                .setTableId(tableId("TestIngress.l2"))
                .addMatch(FieldMatch.newBuilder().setFieldId(1).setExact(FieldMatch.Exact.newBuilder().setValue(Values.canonical(5))))
                .setAction(P4RuntimeOuterClass.TableAction.newBuilder().setAction(P4RuntimeOuterClass.Action.newBuilder()
                        .setActionId(action)))).build();
    }

    @Test
    void unknownTableIsNotFoundAndConstTablesAreClosed() throws Exception {
        primary.setPipeline("forwarding");
        StatusRuntimeException unknown = failure(() -> primary.write(Update.Type.INSERT, Entity.newBuilder()
                .setTableEntry(P4RuntimeOuterClass.TableEntry.newBuilder().setTableId(12345)).build()));
        assertThat(updateCodes(unknown)).containsExactly(Status.Code.NOT_FOUND.value());

        StatusRuntimeException constant = failure(() -> primary.write(Update.Type.INSERT, Entity.newBuilder()
                .setTableEntry(P4RuntimeOuterClass.TableEntry.newBuilder().setTableId(tableId("TestIngress.port_class"))
                        .setPriority(1)
                        .setAction(P4RuntimeOuterClass.TableAction.newBuilder().setAction(P4RuntimeOuterClass.Action.newBuilder()
                                .setActionId(actionId("NoAction"))))).build()));
        assertThat(updateCodes(constant)).containsExactly(Status.Code.PERMISSION_DENIED.value());
        assertThat(constant.getStatus().getDescription()).contains("const entries");
    }

    @Test
    void defaultActionCanBeModifiedReadAndReset() throws Exception {
        primary.setPipeline("forwarding");
        P4RuntimeOuterClass.TableEntry def = P4RuntimeOuterClass.TableEntry.newBuilder()
                .setTableId(tableId("TestIngress.l2")).setIsDefaultAction(true)
                .setAction(P4RuntimeOuterClass.TableAction.newBuilder().setAction(P4RuntimeOuterClass.Action.newBuilder()
                        .setActionId(actionId("TestIngress.set_port"))
                        .addParams(P4RuntimeOuterClass.Action.Param.newBuilder().setParamId(1).setValue(Values.canonical(4)))))
                .build();
        primary.write(Update.Type.MODIFY, Entity.newBuilder().setTableEntry(def).build());
        Entity query = Entity.newBuilder().setTableEntry(P4RuntimeOuterClass.TableEntry.newBuilder()
                .setTableId(tableId("TestIngress.l2")).setIsDefaultAction(true)).build();
        assertThat(primary.read(query).get(0).getTableEntry().getAction().getAction().getParams(0).getValue())
                .isEqualTo(Values.canonical(4));
        byte[] frame = new byte[14];
        assertThat(device.receive(1, frame, 0, 14, 1)).extracting(o -> o.port()).containsExactly(4);

        StatusRuntimeException insert = failure(() -> primary.write(Update.Type.INSERT, Entity.newBuilder().setTableEntry(def).build()));
        assertThat(updateCodes(insert)).containsExactly(Status.Code.INVALID_ARGUMENT.value());

        primary.write(Update.Type.MODIFY, Entity.newBuilder().setTableEntry(def.toBuilder().clearAction()).build());
        assertThat(primary.read(query).get(0).getTableEntry().getAction().getAction().getActionId()).isEqualTo(actionId("NoAction"));
    }

    @Test
    void backupsReadButCannotWriteAndPrimaryChangesAreAnnounced() throws Exception {
        primary.setPipeline("forwarding");
        primary.write(Update.Type.INSERT, l2(2, 2));
        try (TestClient backup = new TestClient(server.port(), 7)) {
            assertThat(backup.arbitrate(5)).isEqualTo(Status.Code.ALREADY_EXISTS.value());
            // The primary hears again that it is primary.
            assertThat(primary.next().getArbitration().getStatus().getCode()).isZero();

            assertThat(backup.read(Entity.newBuilder().setTableEntry(P4RuntimeOuterClass.TableEntry.getDefaultInstance()).build()))
                    .isNotEmpty();
            StatusRuntimeException denied = failure(() -> backup.write(Update.Type.INSERT, l2(3, 3)));
            assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(denied.getStatus().getDescription()).contains("not the primary");

            // A higher election id takes over; the old primary is told it is now a backup.
            assertThat(backup.arbitrate(20)).isEqualTo(Status.Code.OK.value());
            P4RuntimeOuterClass.MasterArbitrationUpdate demoted = primary.next().getArbitration();
            assertThat(demoted.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS.value());
            assertThat(demoted.getElectionId().getLow()).isEqualTo(20);
            backup.write(Update.Type.INSERT, l2(3, 3));
            assertThat(failure(() -> primary.write(Update.Type.INSERT, l2(4, 4))).getStatus().getCode())
                    .isEqualTo(Status.Code.PERMISSION_DENIED);
        }
    }

    @Test
    void aDuplicateElectionIdIsRefused() throws Exception {
        try (TestClient other = new TestClient(server.port(), 7)) {
            other.electionLow = 10;
            other.stream.onNext(P4RuntimeOuterClass.StreamMessageRequest.newBuilder().setArbitration(
                    P4RuntimeOuterClass.MasterArbitrationUpdate.newBuilder().setDeviceId(7).setElectionId(other.election())).build());
            assertThat(other.next().getOther().getTypeUrl()).contains("INVALID_ARGUMENT").contains("already used");
        }
    }

    @Test
    void countersAreWrittenPerIndexAndReadWholeOrByIndex() throws Exception {
        primary.setPipeline("arith");
        P4InfoOuterClass.P4Info arith = TestClient.p4info("arith");
        int counterId = arith.getCounters(0).getPreamble().getId();
        primary.write(Update.Type.MODIFY, Entity.newBuilder().setCounterEntry(P4RuntimeOuterClass.CounterEntry.newBuilder()
                .setCounterId(counterId).setIndex(P4RuntimeOuterClass.Index.newBuilder().setIndex(3))
                .setData(P4RuntimeOuterClass.CounterData.newBuilder().setPacketCount(7).setByteCount(700))).build());

        List<Entity> all = primary.read(Entity.newBuilder().setCounterEntry(P4RuntimeOuterClass.CounterEntry.newBuilder()
                .setCounterId(counterId)).build());
        assertThat(all).hasSize(16);
        assertThat(all.get(3).getCounterEntry().getData().getPacketCount()).isEqualTo(7);
        List<Entity> one = primary.read(Entity.newBuilder().setCounterEntry(P4RuntimeOuterClass.CounterEntry.newBuilder()
                .setCounterId(counterId).setIndex(P4RuntimeOuterClass.Index.newBuilder().setIndex(3))).build());
        assertThat(one).singleElement().satisfies(e -> assertThat(e.getCounterEntry().getData().getByteCount()).isEqualTo(700));

        StatusRuntimeException wildcard = failure(() -> primary.write(Update.Type.MODIFY, Entity.newBuilder()
                .setCounterEntry(P4RuntimeOuterClass.CounterEntry.newBuilder().setCounterId(counterId)).build()));
        assertThat(updateCodes(wildcard)).containsExactly(Status.Code.UNIMPLEMENTED.value());
        StatusRuntimeException outside = failure(() -> primary.read(Entity.newBuilder().setCounterEntry(P4RuntimeOuterClass
                .CounterEntry.newBuilder().setCounterId(counterId).setIndex(P4RuntimeOuterClass.Index.newBuilder().setIndex(16))).build()));
        assertThat(outside.getStatus().getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
        StatusRuntimeException registers = failure(() -> primary.read(Entity.newBuilder().setRegisterEntry(
                P4RuntimeOuterClass.RegisterEntry.getDefaultInstance()).build()));
        assertThat(registers.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    }

    @Test
    void metersAreConfiguredReadAndReset() throws Exception {
        primary.setPipeline("arith");
        int meterId = TestClient.p4info("arith").getMeters(0).getPreamble().getId();
        P4RuntimeOuterClass.MeterConfig config = P4RuntimeOuterClass.MeterConfig.newBuilder()
                .setCir(100).setCburst(10).setPir(200).setPburst(20).build();
        Entity cell = Entity.newBuilder().setMeterEntry(P4RuntimeOuterClass.MeterEntry.newBuilder().setMeterId(meterId)
                .setIndex(P4RuntimeOuterClass.Index.newBuilder().setIndex(2)).setConfig(config)).build();
        primary.write(Update.Type.MODIFY, cell);
        List<Entity> read = primary.read(Entity.newBuilder().setMeterEntry(P4RuntimeOuterClass.MeterEntry.newBuilder()
                .setMeterId(meterId)).build());
        assertThat(read).hasSize(4);
        assertThat(read.get(2).getMeterEntry().getConfig()).isEqualTo(config);
        assertThat(read.get(1).getMeterEntry().hasConfig()).isFalse();

        primary.write(Update.Type.MODIFY, Entity.newBuilder().setMeterEntry(cell.getMeterEntry().toBuilder().clearConfig()).build());
        assertThat(primary.read(cell).get(0).getMeterEntry().hasConfig()).isFalse();

        StatusRuntimeException inverted = failure(() -> primary.write(Update.Type.MODIFY, Entity.newBuilder().setMeterEntry(
                cell.getMeterEntry().toBuilder().setConfig(config.toBuilder().setCir(300))).build()));
        assertThat(updateCodes(inverted)).containsExactly(Status.Code.INVALID_ARGUMENT.value());
    }

    @Test
    void replicationEntriesFollowInsertModifyDelete() throws Exception {
        primary.setPipeline("forwarding");
        Entity group = Entity.newBuilder().setPacketReplicationEngineEntry(P4RuntimeOuterClass.PacketReplicationEngineEntry
                .newBuilder().setMulticastGroupEntry(P4RuntimeOuterClass.MulticastGroupEntry.newBuilder().setMulticastGroupId(1)
                        .addReplicas(P4RuntimeOuterClass.Replica.newBuilder().setEgressPort(2).setInstance(1)))).build();
        Entity session = Entity.newBuilder().setPacketReplicationEngineEntry(P4RuntimeOuterClass.PacketReplicationEngineEntry
                .newBuilder().setCloneSessionEntry(P4RuntimeOuterClass.CloneSessionEntry.newBuilder().setSessionId(100)
                        .setPacketLengthBytes(40)
                        .addReplicas(P4RuntimeOuterClass.Replica.newBuilder().setEgressPort(255)))).build();
        primary.write(Update.Type.INSERT, group, session);
        assertThat(updateCodes(failure(() -> primary.write(Update.Type.INSERT, group))))
                .containsExactly(Status.Code.ALREADY_EXISTS.value());

        Entity allGroups = Entity.newBuilder().setPacketReplicationEngineEntry(P4RuntimeOuterClass.PacketReplicationEngineEntry
                .newBuilder().setMulticastGroupEntry(P4RuntimeOuterClass.MulticastGroupEntry.getDefaultInstance())).build();
        Entity allSessions = Entity.newBuilder().setPacketReplicationEngineEntry(P4RuntimeOuterClass.PacketReplicationEngineEntry
                .newBuilder().setCloneSessionEntry(P4RuntimeOuterClass.CloneSessionEntry.getDefaultInstance())).build();
        assertThat(primary.read(allGroups)).containsExactly(group);
        assertThat(primary.read(allSessions)).containsExactly(session);

        primary.write(Update.Type.DELETE, group);
        assertThat(primary.read(allGroups)).isEmpty();
        assertThat(updateCodes(failure(() -> primary.write(Update.Type.DELETE, group))))
                .containsExactly(Status.Code.NOT_FOUND.value());
        Entity zero = Entity.newBuilder().setPacketReplicationEngineEntry(P4RuntimeOuterClass.PacketReplicationEngineEntry
                .newBuilder().setCloneSessionEntry(P4RuntimeOuterClass.CloneSessionEntry.getDefaultInstance())).build();
        assertThat(updateCodes(failure(() -> primary.write(Update.Type.INSERT, zero))))
                .containsExactly(Status.Code.INVALID_ARGUMENT.value());
    }

    @Test
    void packetOutFromABackupIsAStreamError() throws Exception {
        primary.setPipeline("forwarding");
        try (TestClient backup = new TestClient(server.port(), 7)) {
            backup.arbitrate(1);
            primary.next();
            backup.stream.onNext(P4RuntimeOuterClass.StreamMessageRequest.newBuilder().setPacket(
                    P4RuntimeOuterClass.PacketOut.newBuilder().setPayload(ByteString.copyFrom(new byte[20]))).build());
            P4RuntimeOuterClass.StreamError error = backup.next().getError();
            assertThat(error.getCanonicalCode()).isEqualTo(Status.Code.PERMISSION_DENIED.value());
            assertThat(error.hasPacketOut()).isTrue();
        }
    }

    @Test
    void onlyThePrimaryPushesPipelinesAndSavedConfigsCommitLater() throws Exception {
        try (TestClient backup = new TestClient(server.port(), 7)) {
            backup.arbitrate(3);
            primary.next();
            StatusRuntimeException denied = failure(() -> {
                try {
                    backup.setPipeline("forwarding");
                } catch (com.google.protobuf.TextFormat.ParseException e) {
                    throw new AssertionError(e);
                }
            });
            assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
        P4RuntimeOuterClass.SetForwardingPipelineConfigRequest.Builder save = P4RuntimeOuterClass.SetForwardingPipelineConfigRequest
                .newBuilder().setDeviceId(7).setElectionId(primary.election()).setConfig(TestClient.config("arith"))
                .setAction(P4RuntimeOuterClass.SetForwardingPipelineConfigRequest.Action.VERIFY_AND_SAVE);
        primary.stub.setForwardingPipelineConfig(save.build());
        assertThat(device.pipeline()).isNull();
        primary.stub.setForwardingPipelineConfig(save.clearConfig()
                .setAction(P4RuntimeOuterClass.SetForwardingPipelineConfigRequest.Action.COMMIT).build());
        assertThat(device.pipeline().program().name()).isEqualTo("arith.p4");
        StatusRuntimeException again = failure(() -> primary.stub.setForwardingPipelineConfig(save.build()));
        assertThat(again.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void rolesHaveTheirOwnPrimary() throws Exception {
        primary.setPipeline("forwarding");
        try (TestClient other = new TestClient(server.port(), 7)) {
            other.electionLow = 1;
            other.stream.onNext(P4RuntimeOuterClass.StreamMessageRequest.newBuilder().setArbitration(
                    P4RuntimeOuterClass.MasterArbitrationUpdate.newBuilder().setDeviceId(7).setElectionId(other.election())
                            .setRole(P4RuntimeOuterClass.Role.newBuilder().setId(1))).build());
            P4RuntimeOuterClass.MasterArbitrationUpdate answer = other.next().getArbitration();
            assertThat(answer.getStatus().getCode()).isZero();
            assertThat(answer.getRole().getId()).isEqualTo(1);
            // Role 1's primary writes with its role id; with role 0 its election id is not the primary's.
            other.stub.write(P4RuntimeOuterClass.WriteRequest.newBuilder().setDeviceId(7).setRoleId(1)
                    .setElectionId(other.election()).addUpdates(Update.newBuilder().setType(Update.Type.INSERT).setEntity(l2(2, 2))).build());
            assertThat(failure(() -> other.write(Update.Type.INSERT, l2(3, 3))).getStatus().getCode())
                    .isEqualTo(Status.Code.PERMISSION_DENIED);
        }
    }

    @Test
    void directCountersCountHitsAndAreReadWrittenAndReturnedWithEntries() throws Exception {
        java.nio.file.Path build = java.nio.file.Path.of("../p4src/build");
        P4RuntimeOuterClass.ForwardingPipelineConfig config = org.intstream.softswitch.Softswitch.config(
                build.resolve("intstream.json"), build.resolve("intstream.p4info.txt"));
        primary.stub.setForwardingPipelineConfig(P4RuntimeOuterClass.SetForwardingPipelineConfigRequest.newBuilder()
                .setDeviceId(7).setElectionId(primary.election()).setConfig(config)
                .setAction(P4RuntimeOuterClass.SetForwardingPipelineConfigRequest.Action.VERIFY_AND_COMMIT).build());
        P4InfoOuterClass.P4Info is = config.getP4Info();
        P4InfoOuterClass.Table filter = GoldenSetup.table(is, "IntStreamIngress.slot0.filter");
        P4InfoOuterClass.Action noAction = is.getActionsList().stream()
                .filter(a -> a.getPreamble().getName().equals("NoAction")).findFirst().orElseThrow();
        // Every IPv4 packet (ip_proto wildcard) hits a priority-1 entry of slot 0's filter.
        P4RuntimeOuterClass.TableEntry entry = P4RuntimeOuterClass.TableEntry.newBuilder()
                .setTableId(filter.getPreamble().getId()).setPriority(1)
                .setAction(P4RuntimeOuterClass.TableAction.newBuilder().setAction(P4RuntimeOuterClass.Action.newBuilder()
                        .setActionId(noAction.getPreamble().getId()))).build();
        primary.write(Update.Type.INSERT, Entity.newBuilder().setTableEntry(entry).build());
        byte[] frame = org.intstream.softswitch.Frames.frame().ethernet(2, 1, 0x0800)
                .ipv4(28, 1, 64, 17, 0x0a000001L, 0x0a000002L, 0).udp(1, 2, 8).build();
        device.receive(1, frame, 0, frame.length, 1_000_000);
        device.receive(1, frame, 0, frame.length, 1_001_000);

        Entity query = Entity.newBuilder().setDirectCounterEntry(P4RuntimeOuterClass.DirectCounterEntry.newBuilder()
                .setTableEntry(P4RuntimeOuterClass.TableEntry.newBuilder().setTableId(filter.getPreamble().getId()))).build();
        assertThat(primary.read(query)).singleElement().satisfies(e -> {
            assertThat(e.getDirectCounterEntry().getData().getPacketCount()).isEqualTo(2);
            assertThat(e.getDirectCounterEntry().getData().getByteCount()).isEqualTo(2L * frame.length);
        });
        primary.write(Update.Type.MODIFY, Entity.newBuilder().setDirectCounterEntry(P4RuntimeOuterClass.DirectCounterEntry
                .newBuilder().setTableEntry(entry).setData(P4RuntimeOuterClass.CounterData.newBuilder().setPacketCount(40))).build());
        List<Entity> withCounters = primary.read(Entity.newBuilder().setTableEntry(P4RuntimeOuterClass.TableEntry.newBuilder()
                .setTableId(filter.getPreamble().getId()).setCounterData(P4RuntimeOuterClass.CounterData.getDefaultInstance())).build());
        assertThat(withCounters).singleElement()
                .satisfies(e -> assertThat(e.getTableEntry().getCounterData().getPacketCount()).isEqualTo(40));

        // The clock table has no key: entries are refused, its default action can be set.
        P4InfoOuterClass.Table clock = GoldenSetup.table(is, "IntStreamIngress.clock.clock");
        assertThat(updateCodes(failure(() -> primary.write(Update.Type.INSERT, Entity.newBuilder().setTableEntry(
                P4RuntimeOuterClass.TableEntry.newBuilder().setTableId(clock.getPreamble().getId())
                        .setAction(entry.getAction())).build()))))
                .containsExactly(Status.Code.INVALID_ARGUMENT.value());
    }

    @Test
    void withoutClientsRequestsWithoutElectionIdAreAcceptedAsBmv2Does() throws Exception {
        // A second switch that no client has arbitrated with.
        SwitchDevice fresh = new SwitchDevice(9, 255);
        try (P4RuntimeServer other = P4RuntimeServer.start(fresh, 0)) {
            io.grpc.ManagedChannel channel = io.grpc.ManagedChannelBuilder.forAddress("127.0.0.1", other.port())
                    .usePlaintext().build();
            try {
                p4.v1.P4RuntimeGrpc.P4RuntimeBlockingStub stub = p4.v1.P4RuntimeGrpc.newBlockingStub(channel);
                StatusRuntimeException none = failure(() -> stub.getForwardingPipelineConfig(
                        P4RuntimeOuterClass.GetForwardingPipelineConfigRequest.newBuilder().setDeviceId(9).build()));
                assertThat(none.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                stub.setForwardingPipelineConfig(P4RuntimeOuterClass.SetForwardingPipelineConfigRequest.newBuilder()
                        .setDeviceId(9).setConfig(TestClient.config("forwarding"))
                        .setAction(P4RuntimeOuterClass.SetForwardingPipelineConfigRequest.Action.VERIFY_AND_COMMIT).build());
                stub.write(P4RuntimeOuterClass.WriteRequest.newBuilder().setDeviceId(9)
                        .addUpdates(Update.newBuilder().setType(Update.Type.INSERT).setEntity(l2(2, 2))).build());
                StatusRuntimeException withId = failure(() -> stub.write(P4RuntimeOuterClass.WriteRequest.newBuilder()
                        .setDeviceId(9).setElectionId(P4RuntimeOuterClass.Uint128.newBuilder().setLow(1))
                        .addUpdates(Update.newBuilder().setType(Update.Type.INSERT).setEntity(l2(3, 3))).build()));
                assertThat(withId.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                assertThat(fresh.pipeline().program().table("TestIngress.l2").size()).isEqualTo(1);
            } finally {
                channel.shutdownNow();
            }
        }
    }

    @Test
    void wrongDeviceIdIsNotFound() {
        assertThatThrownBy(() -> primary.stub.read(P4RuntimeOuterClass.ReadRequest.newBuilder().setDeviceId(8)
                .addEntities(Entity.getDefaultInstance()).build()).hasNext())
                .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("NOT_FOUND").hasMessageContaining("device 7");
    }
}
