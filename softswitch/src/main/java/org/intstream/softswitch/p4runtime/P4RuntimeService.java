package org.intstream.softswitch.p4runtime;

import com.google.protobuf.Any;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p4.v1.P4RuntimeGrpc;
import p4.v1.P4RuntimeOuterClass;
import p4.v1.P4RuntimeOuterClass.CapabilitiesRequest;
import p4.v1.P4RuntimeOuterClass.CapabilitiesResponse;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.ForwardingPipelineConfig;
import p4.v1.P4RuntimeOuterClass.GetForwardingPipelineConfigRequest;
import p4.v1.P4RuntimeOuterClass.GetForwardingPipelineConfigResponse;
import p4.v1.P4RuntimeOuterClass.MasterArbitrationUpdate;
import p4.v1.P4RuntimeOuterClass.PacketIn;
import p4.v1.P4RuntimeOuterClass.ReadRequest;
import p4.v1.P4RuntimeOuterClass.ReadResponse;
import p4.v1.P4RuntimeOuterClass.SetForwardingPipelineConfigRequest;
import p4.v1.P4RuntimeOuterClass.SetForwardingPipelineConfigResponse;
import p4.v1.P4RuntimeOuterClass.StreamError;
import p4.v1.P4RuntimeOuterClass.StreamMessageRequest;
import p4.v1.P4RuntimeOuterClass.StreamMessageResponse;
import p4.v1.P4RuntimeOuterClass.Uint128;
import p4.v1.P4RuntimeOuterClass.WriteRequest;
import p4.v1.P4RuntimeOuterClass.WriteResponse;

/**
 * The P4Runtime service of one {@link SwitchDevice}: arbitration and packet I/O on the stream channel,
 * pipeline config, Write and Read. Every refusal is a gRPC error with a message saying what and why; a
 * failed Write batch is UNKNOWN with one {@code p4.v1.Error} per update in the details, as BMv2's PI
 * server reports it. Nothing a client sends stops the switch.
 */
public final class P4RuntimeService extends P4RuntimeGrpc.P4RuntimeImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(P4RuntimeService.class);
    static final String API_VERSION = "1.2.0";

    private final SwitchDevice device;
    private final Arbitration<StreamObserver<StreamMessageResponse>> arbitration = new Arbitration<>();

    public P4RuntimeService(SwitchDevice device) {
        this.device = device;
        device.onPacketIn(this::sendPacketIn);
    }

    @Override
    public void capabilities(CapabilitiesRequest request, StreamObserver<CapabilitiesResponse> response) {
        response.onNext(CapabilitiesResponse.newBuilder().setP4RuntimeApiVersion(API_VERSION).build());
        response.onCompleted();
    }

    @Override
    public void setForwardingPipelineConfig(SetForwardingPipelineConfigRequest request,
            StreamObserver<SetForwardingPipelineConfigResponse> response) {
        try {
            checkDevice(request.getDeviceId());
            checkPrimary(request.getRoleId(), request.hasElectionId() ? request.getElectionId() : null);
            switch (request.getAction()) {
                case VERIFY:
                    LoadedPipeline.verify(request.getConfig());
                    break;
                case VERIFY_AND_SAVE:
                    device.save(LoadedPipeline.verify(request.getConfig()));
                    break;
                case VERIFY_AND_COMMIT:
                    device.commit(LoadedPipeline.verify(request.getConfig()));
                    device.save(null);
                    break;
                case COMMIT:
                    if (device.saved() == null) {
                        throw new P4RuntimeException(Status.Code.FAILED_PRECONDITION,
                                "COMMIT without a config saved by VERIFY_AND_SAVE");
                    }
                    device.commit(device.saved());
                    device.save(null);
                    break;
                default:
                    throw new P4RuntimeException(Status.Code.UNIMPLEMENTED,
                            "pipeline config action " + request.getAction() + " is not supported");
            }
            response.onNext(SetForwardingPipelineConfigResponse.getDefaultInstance());
            response.onCompleted();
        } catch (P4RuntimeException e) {
            response.onError(e.status().asRuntimeException());
        }
    }

    @Override
    public void getForwardingPipelineConfig(GetForwardingPipelineConfigRequest request,
            StreamObserver<GetForwardingPipelineConfigResponse> response) {
        try {
            checkDevice(request.getDeviceId());
            LoadedPipeline p = device.pipeline();
            if (p == null) {
                throw new P4RuntimeException(Status.Code.FAILED_PRECONDITION,
                        "no forwarding pipeline config is set for this device");
            }
            ForwardingPipelineConfig.Builder config = ForwardingPipelineConfig.newBuilder();
            ForwardingPipelineConfig full = p.config();
            if (full.hasCookie()) {
                config.setCookie(full.getCookie());
            }
            switch (request.getResponseType()) {
                case ALL:
                    config.setP4Info(full.getP4Info()).setP4DeviceConfig(full.getP4DeviceConfig());
                    break;
                case P4INFO_AND_COOKIE:
                    config.setP4Info(full.getP4Info());
                    break;
                case DEVICE_CONFIG_AND_COOKIE:
                    config.setP4DeviceConfig(full.getP4DeviceConfig());
                    break;
                default:
                    break;
            }
            response.onNext(GetForwardingPipelineConfigResponse.newBuilder().setConfig(config).build());
            response.onCompleted();
        } catch (P4RuntimeException e) {
            response.onError(e.status().asRuntimeException());
        }
    }

    @Override
    public void write(WriteRequest request, StreamObserver<WriteResponse> response) {
        try {
            checkDevice(request.getDeviceId());
            checkPrimary(request.getRoleId(), request.hasElectionId() ? request.getElectionId() : null);
            if (request.getAtomicity() != WriteRequest.Atomicity.CONTINUE_ON_ERROR) {
                throw new P4RuntimeException(Status.Code.UNIMPLEMENTED,
                        "atomicity " + request.getAtomicity() + " is not supported; use CONTINUE_ON_ERROR");
            }
            LoadedPipeline p = pipeline();
            List<P4RuntimeOuterClass.Error> errors = new ArrayList<>();
            boolean failed = false;
            synchronized (device.lock(p)) {
                for (P4RuntimeOuterClass.Update u : request.getUpdatesList()) {
                    try {
                        WriteHandler.apply(u, p);
                        errors.add(P4RuntimeOuterClass.Error.newBuilder().setCanonicalCode(Status.Code.OK.value()).build());
                    } catch (P4RuntimeException e) {
                        failed = true;
                        errors.add(P4RuntimeOuterClass.Error.newBuilder().setCanonicalCode(e.code().value())
                                .setMessage(e.getMessage()).build());
                    }
                }
            }
            if (failed) {
                response.onError(batchError(errors));
                return;
            }
            response.onNext(WriteResponse.getDefaultInstance());
            response.onCompleted();
        } catch (P4RuntimeException e) {
            response.onError(e.status().asRuntimeException());
        }
    }

    private static StatusRuntimeException batchError(List<P4RuntimeOuterClass.Error> errors) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.UNKNOWN.value());
        StringBuilder message = new StringBuilder("write failed:");
        for (int i = 0; i < errors.size(); i++) {
            P4RuntimeOuterClass.Error e = errors.get(i);
            status.addDetails(Any.pack(e));
            if (e.getCanonicalCode() != 0) {
                message.append(" update ").append(i).append(": ").append(Status.Code.values()[e.getCanonicalCode()])
                        .append(" ").append(e.getMessage()).append(';');
            }
        }
        status.setMessage(message.toString());
        return StatusProto.toStatusRuntimeException(status.build());
    }

    @Override
    public void read(ReadRequest request, StreamObserver<ReadResponse> response) {
        try {
            checkDevice(request.getDeviceId());
            LoadedPipeline p = pipeline();
            List<Entity> entities = new ArrayList<>();
            synchronized (device.lock(p)) {
                for (Entity e : request.getEntitiesList()) {
                    ReadHandler.read(e, p, entities);
                }
            }
            response.onNext(ReadResponse.newBuilder().addAllEntities(entities).build());
            response.onCompleted();
        } catch (P4RuntimeException e) {
            response.onError(e.status().asRuntimeException());
        }
    }

    @Override
    public StreamObserver<StreamMessageRequest> streamChannel(StreamObserver<StreamMessageResponse> stream) {
        return new StreamObserver<>() {
            @Override
            public void onNext(StreamMessageRequest request) {
                try {
                    switch (request.getUpdateCase()) {
                        case ARBITRATION:
                            arbitrate(stream, request.getArbitration());
                            break;
                        case PACKET:
                            packetOut(stream, request.getPacket());
                            break;
                        default:
                            streamError(stream, Status.Code.UNIMPLEMENTED,
                                    "stream messages of type " + request.getUpdateCase() + " are not supported", null);
                            break;
                    }
                } catch (P4RuntimeException e) {
                    stream.onError(e.status().asRuntimeException());
                    leave(stream);
                }
            }

            @Override
            public void onError(Throwable t) {
                leave(stream);
            }

            @Override
            public void onCompleted() {
                leave(stream);
                stream.onCompleted();
            }
        };
    }

    private void arbitrate(StreamObserver<StreamMessageResponse> stream, MasterArbitrationUpdate update) {
        checkDevice(update.getDeviceId());
        if (!update.hasElectionId()) {
            throw P4RuntimeException.invalid("the arbitration update has no election id");
        }
        long role = update.hasRole() ? update.getRole().getId() : 0;
        BigInteger election = toBig(update.getElectionId());
        synchronized (arbitration) {
            if (!arbitration.register(role, stream, election)) {
                throw P4RuntimeException.invalid("election id " + election + " is already used by another client of role " + role);
            }
            notifyRole(role);
        }
    }

    private void leave(StreamObserver<StreamMessageResponse> stream) {
        synchronized (arbitration) {
            Long role = arbitration.roleOf(stream);
            arbitration.remove(stream);
            if (role != null) {
                notifyRole(role);
            }
        }
    }

    /** Tells every client of a role who is primary: OK to the primary, ALREADY_EXISTS to backups. */
    private void notifyRole(long role) {
        StreamObserver<StreamMessageResponse> primary = arbitration.primary(role);
        BigInteger primaryId = arbitration.primaryElectionId(role);
        for (StreamObserver<StreamMessageResponse> s : arbitration.streams(role)) {
            boolean isPrimary = s == primary;
            MasterArbitrationUpdate.Builder u = MasterArbitrationUpdate.newBuilder()
                    .setDeviceId(device.deviceId())
                    .setElectionId(toUint128(primaryId))
                    .setStatus(com.google.rpc.Status.newBuilder()
                            .setCode(isPrimary ? Status.Code.OK.value() : Status.Code.ALREADY_EXISTS.value())
                            .setMessage(isPrimary ? "Is primary" : "Is backup; the primary has election id " + primaryId));
            if (role != 0) {
                u.setRole(P4RuntimeOuterClass.Role.newBuilder().setId(role));
            }
            send(s, StreamMessageResponse.newBuilder().setArbitration(u).build());
        }
    }

    private void packetOut(StreamObserver<StreamMessageResponse> stream, P4RuntimeOuterClass.PacketOut packet) {
        Long role = arbitration.roleOf(stream);
        if (role == null || arbitration.primary(role) != stream) {
            streamError(stream, Status.Code.PERMISSION_DENIED, "only the primary client may send packet-outs", packet);
            return;
        }
        try {
            device.packetOut(packet);
        } catch (P4RuntimeException e) {
            streamError(stream, e.code(), e.getMessage(), packet);
        }
    }

    private void sendPacketIn(PacketIn packetIn) {
        StreamObserver<StreamMessageResponse> primary = arbitration.primary(0);
        if (primary != null) {
            send(primary, StreamMessageResponse.newBuilder().setPacket(packetIn).build());
        }
    }

    private void streamError(StreamObserver<StreamMessageResponse> stream, Status.Code code, String message,
            P4RuntimeOuterClass.PacketOut packet) {
        StreamError.Builder e = StreamError.newBuilder().setCanonicalCode(code.value()).setMessage(message);
        if (packet != null) {
            e.setPacketOut(P4RuntimeOuterClass.PacketOutError.newBuilder().setPacketOut(packet));
        }
        send(stream, StreamMessageResponse.newBuilder().setError(e).build());
    }

    /** gRPC stream observers are not thread-safe; packet-ins and arbitration answers may race. */
    private static void send(StreamObserver<StreamMessageResponse> stream, StreamMessageResponse message) {
        synchronized (stream) {
            try {
                stream.onNext(message);
            } catch (RuntimeException e) {
                LOG.debug("dropping a message to a closed stream: {}", e.toString());
            }
        }
    }

    private void checkDevice(long id) {
        if (id != device.deviceId()) {
            throw P4RuntimeException.notFound("this switch is device " + device.deviceId() + ", not " + id);
        }
    }

    private void checkPrimary(long role, Uint128 election) {
        if (arbitration.noClients()) {
            // As BMv2's server: with no client connected, requests without an election id are accepted
            // (handy for one-off tools); one with an election id cannot be from the primary.
            if (election == null) {
                return;
            }
            throw new P4RuntimeException(Status.Code.PERMISSION_DENIED,
                    "not primary: no client has sent an arbitration update on the stream channel");
        }
        if (election == null) {
            throw new P4RuntimeException(Status.Code.PERMISSION_DENIED, "the request has no election id");
        }
        BigInteger id = toBig(election);
        if (!arbitration.isPrimary(role, id)) {
            throw new P4RuntimeException(Status.Code.PERMISSION_DENIED, "election id " + id + " is not the primary of role "
                    + role + " (the primary has " + arbitration.primaryElectionId(role) + ")");
        }
    }

    private LoadedPipeline pipeline() {
        LoadedPipeline p = device.pipeline();
        if (p == null) {
            throw new P4RuntimeException(Status.Code.FAILED_PRECONDITION, "no forwarding pipeline config is set");
        }
        return p;
    }

    static BigInteger toBig(Uint128 v) {
        return new BigInteger(Long.toUnsignedString(v.getHigh())).shiftLeft(64)
                .or(new BigInteger(Long.toUnsignedString(v.getLow())));
    }

    static Uint128 toUint128(BigInteger v) {
        return Uint128.newBuilder().setHigh(v.shiftRight(64).longValue()).setLow(v.longValue()).build();
    }
}
