package org.intstream.p4runtime.testswitch;

import com.google.protobuf.Any;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import p4.v1.P4RuntimeGrpc;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.ForwardingPipelineConfig;
import p4.v1.P4RuntimeOuterClass.GetForwardingPipelineConfigRequest;
import p4.v1.P4RuntimeOuterClass.GetForwardingPipelineConfigResponse;
import p4.v1.P4RuntimeOuterClass.MasterArbitrationUpdate;
import p4.v1.P4RuntimeOuterClass.ReadRequest;
import p4.v1.P4RuntimeOuterClass.ReadResponse;
import p4.v1.P4RuntimeOuterClass.SetForwardingPipelineConfigRequest;
import p4.v1.P4RuntimeOuterClass.SetForwardingPipelineConfigResponse;
import p4.v1.P4RuntimeOuterClass.StreamMessageRequest;
import p4.v1.P4RuntimeOuterClass.StreamMessageResponse;
import p4.v1.P4RuntimeOuterClass.TableEntry;
import p4.v1.P4RuntimeOuterClass.Uint128;
import p4.v1.P4RuntimeOuterClass.Update;
import p4.v1.P4RuntimeOuterClass.WriteRequest;
import p4.v1.P4RuntimeOuterClass.WriteResponse;

/**
 * An in-memory P4Runtime server for the client's own logic where no switch is installed (CI): arbitration
 * among several clients, the pipeline cookie, table-entry writes with P4Runtime's per-update error details,
 * and table reads. It forwards no packets and knows no counters or meters; those are tested on BMv2. A
 * stop loses everything, as a switch crash does; start listens on the same loopback port again.
 */
public final class FakeP4RuntimeServer implements SwitchEndpoint {

    private final long deviceId;
    private int port;
    private Server server;
    private State state;

    public FakeP4RuntimeServer(long deviceId) {
        this.deviceId = deviceId;
    }

    @Override
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("the fake switch is already running on port " + port);
        }
        state = new State();
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .addService(new Service(state)).build().start();
        port = server.getPort();
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public long clockOriginMicros() {
        return 0; // it has no data plane
    }

    @Override
    public String target() {
        return "127.0.0.1:" + port;
    }

    @Override
    public long deviceId() {
        return deviceId;
    }

    /** The fake forwards no packets; this is only the number P4Runtime would use. */
    @Override
    public int cpuPort() {
        return 255;
    }

    @Override
    public String logTail() {
        return "(the fake switch keeps no log)";
    }

    /** What one run of the fake holds; a restart starts a new one. */
    private static final class State {
        final Map<StreamObserver<StreamMessageResponse>, Uint128> clients = new LinkedHashMap<>();
        ForwardingPipelineConfig pipeline;
        final Map<TableEntry, TableEntry> entries = new LinkedHashMap<>();

        Uint128 primary() {
            Uint128 best = null;
            for (Uint128 id : clients.values()) {
                if (best == null || compare(id, best) > 0) {
                    best = id;
                }
            }
            return best;
        }

        static int compare(Uint128 a, Uint128 b) {
            int c = Long.compareUnsigned(a.getHigh(), b.getHigh());
            return c != 0 ? c : Long.compareUnsigned(a.getLow(), b.getLow());
        }
    }

    private final class Service extends P4RuntimeGrpc.P4RuntimeImplBase {
        private final State state;

        Service(State state) {
            this.state = state;
        }

        @Override
        public StreamObserver<StreamMessageRequest> streamChannel(StreamObserver<StreamMessageResponse> out) {
            return new StreamObserver<>() {
                @Override
                public void onNext(StreamMessageRequest request) {
                    if (!request.hasArbitration()) {
                        return;
                    }
                    synchronized (state) {
                        Uint128 id = request.getArbitration().getElectionId();
                        for (Map.Entry<StreamObserver<StreamMessageResponse>, Uint128> c : state.clients.entrySet()) {
                            if (c.getKey() != out && c.getValue().equals(id)) {
                                out.onError(Status.INVALID_ARGUMENT.withDescription("Election id already exists")
                                        .asRuntimeException());
                                return;
                            }
                        }
                        state.clients.put(out, id);
                        announce();
                    }
                }

                @Override
                public void onError(Throwable t) {
                    leave();
                }

                @Override
                public void onCompleted() {
                    leave();
                    out.onCompleted();
                }

                private void leave() {
                    synchronized (state) {
                        if (state.clients.remove(out) != null) {
                            announce();
                        }
                    }
                }
            };
        }

        /** Tells every client where it stands, as P4Runtime servers do after any change. */
        private void announce() {
            Uint128 primary = state.primary();
            for (Map.Entry<StreamObserver<StreamMessageResponse>, Uint128> c : state.clients.entrySet()) {
                boolean isPrimary = c.getValue().equals(primary);
                com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                        .setCode(isPrimary ? Status.Code.OK.value() : Status.Code.ALREADY_EXISTS.value()).build();
                c.getKey().onNext(StreamMessageResponse.newBuilder().setArbitration(MasterArbitrationUpdate.newBuilder()
                        .setDeviceId(deviceId).setElectionId(primary).setStatus(status)).build());
            }
        }

        private boolean refuseUnlessPrimary(Uint128 electionId, StreamObserver<?> out) {
            Uint128 primary = state.primary();
            if (primary == null || !primary.equals(electionId)) {
                out.onError(Status.PERMISSION_DENIED.withDescription("Not primary").asRuntimeException());
                return true;
            }
            return false;
        }

        @Override
        public void setForwardingPipelineConfig(SetForwardingPipelineConfigRequest request,
                                                StreamObserver<SetForwardingPipelineConfigResponse> out) {
            synchronized (state) {
                if (refuseUnlessPrimary(request.getElectionId(), out)) {
                    return;
                }
                state.pipeline = request.getConfig();
                state.entries.clear();
            }
            out.onNext(SetForwardingPipelineConfigResponse.getDefaultInstance());
            out.onCompleted();
        }

        @Override
        public void getForwardingPipelineConfig(GetForwardingPipelineConfigRequest request,
                                                StreamObserver<GetForwardingPipelineConfigResponse> out) {
            ForwardingPipelineConfig pipeline;
            synchronized (state) {
                pipeline = state.pipeline;
            }
            if (pipeline == null) {
                out.onError(Status.FAILED_PRECONDITION.withDescription("No forwarding pipeline config set")
                        .asRuntimeException());
                return;
            }
            out.onNext(GetForwardingPipelineConfigResponse.newBuilder().setConfig(ForwardingPipelineConfig.newBuilder()
                    .setCookie(pipeline.getCookie())).build());
            out.onCompleted();
        }

        @Override
        public void write(WriteRequest request, StreamObserver<WriteResponse> out) {
            List<p4.v1.P4RuntimeOuterClass.Error> results = new ArrayList<>();
            boolean failed = false;
            synchronized (state) {
                if (refuseUnlessPrimary(request.getElectionId(), out)) {
                    return;
                }
                for (Update update : request.getUpdatesList()) {
                    p4.v1.P4RuntimeOuterClass.Error result = apply(update);
                    failed |= result.getCanonicalCode() != Status.Code.OK.value();
                    results.add(result);
                }
            }
            if (failed) {
                com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                        .setCode(Status.Code.UNKNOWN.value()).setMessage("Error(s) during batch processing");
                results.forEach(r -> status.addDetails(Any.pack(r)));
                out.onError(StatusProto.toStatusRuntimeException(status.build()));
                return;
            }
            out.onNext(WriteResponse.getDefaultInstance());
            out.onCompleted();
        }

        private p4.v1.P4RuntimeOuterClass.Error apply(Update update) {
            if (state.pipeline == null) {
                return error(Status.Code.FAILED_PRECONDITION, "No forwarding pipeline config set");
            }
            if (!update.getEntity().hasTableEntry()) {
                return error(Status.Code.UNIMPLEMENTED, "the fake switch only keeps table entries");
            }
            TableEntry entry = update.getEntity().getTableEntry();
            TableEntry key = entry.toBuilder().clearAction().build();
            switch (update.getType()) {
                case INSERT:
                    if (state.entries.containsKey(key)) {
                        return error(Status.Code.ALREADY_EXISTS, "Match entry exists, use MODIFY if you wish to change action");
                    }
                    state.entries.put(key, entry);
                    break;
                case MODIFY:
                    if (entry.getIsDefaultAction()) {
                        state.entries.put(key, entry);
                    } else if (state.entries.replace(key, entry) == null) {
                        return error(Status.Code.NOT_FOUND, "Cannot find match entry");
                    }
                    break;
                case DELETE:
                    if (state.entries.remove(key) == null) {
                        return error(Status.Code.NOT_FOUND, "Cannot find match entry");
                    }
                    break;
                default:
                    return error(Status.Code.INVALID_ARGUMENT, "Invalid update type");
            }
            return error(Status.Code.OK, "");
        }

        private p4.v1.P4RuntimeOuterClass.Error error(Status.Code code, String message) {
            return p4.v1.P4RuntimeOuterClass.Error.newBuilder().setCanonicalCode(code.value()).setMessage(message).build();
        }

        @Override
        public void read(ReadRequest request, StreamObserver<ReadResponse> out) {
            ReadResponse.Builder response = ReadResponse.newBuilder();
            synchronized (state) {
                for (Entity wanted : request.getEntitiesList()) {
                    if (!wanted.hasTableEntry()) {
                        out.onError(Status.UNIMPLEMENTED.withDescription("the fake switch only reads table entries")
                                .asRuntimeException());
                        return;
                    }
                    TableEntry filter = wanted.getTableEntry();
                    for (TableEntry e : state.entries.values()) {
                        if ((filter.getTableId() == 0 || filter.getTableId() == e.getTableId())
                                && filter.getIsDefaultAction() == e.getIsDefaultAction()) {
                            response.addEntities(Entity.newBuilder().setTableEntry(e));
                        }
                    }
                }
            }
            out.onNext(response.build());
            out.onCompleted();
        }
    }
}
