package org.intstream.p4runtime;

import com.google.protobuf.ByteString;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p4.config.v1.P4InfoOuterClass.P4Info;
import p4.v1.P4RuntimeGrpc;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.ForwardingPipelineConfig;
import p4.v1.P4RuntimeOuterClass.GetForwardingPipelineConfigRequest;
import p4.v1.P4RuntimeOuterClass.GetForwardingPipelineConfigResponse;
import p4.v1.P4RuntimeOuterClass.MasterArbitrationUpdate;
import p4.v1.P4RuntimeOuterClass.ReadRequest;
import p4.v1.P4RuntimeOuterClass.ReadResponse;
import p4.v1.P4RuntimeOuterClass.SetForwardingPipelineConfigRequest;
import p4.v1.P4RuntimeOuterClass.StreamMessageRequest;
import p4.v1.P4RuntimeOuterClass.StreamMessageResponse;
import p4.v1.P4RuntimeOuterClass.TableEntry;
import p4.v1.P4RuntimeOuterClass.Update;
import p4.v1.P4RuntimeOuterClass.WriteRequest;

/**
 * A P4Runtime client for one device: arbitration with an election id, the pipeline config, writes and
 * reads of table entries, replication entries, meters and counters by P4Info name, packet-in and
 * packet-out. When the stream to the switch breaks, it reconnects with {@link ReconnectBackoff} and, once
 * primary again, re-installs what it had installed ({@link Resync}) if the switch lost it.
 * <p>
 * Create with {@link #builder}, then {@link #connect()}. Writes and reads block until the switch answers
 * (or {@code rpcTimeout} passes) and throw {@link P4RuntimeException} with the switch's reasons; entities
 * that don't fit the P4Info throw {@link InvalidEntityException} before anything is sent.
 */
public final class P4RuntimeClient
        implements P4RuntimeReadClient, P4RuntimeWriteClient, P4RuntimeStreamClient, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(P4RuntimeClient.class);

    private final String target;
    private final long deviceId;
    private final ElectionId electionId;
    private final ReconnectBackoff backoff;
    private final Duration rpcTimeout;
    private final Duration arbitrationTimeout;
    private final ManagedChannel channel;
    private final P4RuntimeGrpc.P4RuntimeStub asyncStub;
    private final P4RuntimeGrpc.P4RuntimeBlockingStub blockingStub;
    private final ScheduledExecutorService reconnector;
    private final InstalledState installed = new InstalledState();
    private final Object writeLock = new Object();
    private final List<PacketInListener> packetInListeners = new CopyOnWriteArrayList<>();
    private final List<MastershipListener> mastershipListeners = new CopyOnWriteArrayList<>();
    private final List<ResyncListener> resyncListeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger reconnectAttempts = new AtomicInteger();
    private final StreamSession.Handler streamHandler = new InternalStreamHandler();

    private volatile P4InfoIndex index;
    private volatile StreamSession session;
    private volatile MastershipRole role = MastershipRole.DISCONNECTED;
    private volatile ElectionId primary;
    private volatile boolean closed;

    private P4RuntimeClient(Builder b) {
        this.target = b.target;
        this.deviceId = b.deviceId;
        this.electionId = b.electionId;
        this.backoff = b.backoff;
        this.rpcTimeout = b.rpcTimeout;
        this.arbitrationTimeout = b.arbitrationTimeout;
        // Wildcard reads of big tables and counters exceed gRPC's default 4 MB message limit.
        this.channel = Grpc.newChannelBuilder(target, InsecureChannelCredentials.create())
                .maxInboundMessageSize(64 * 1024 * 1024).build();
        this.asyncStub = P4RuntimeGrpc.newStub(channel);
        this.blockingStub = P4RuntimeGrpc.newBlockingStub(channel);
        this.reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "p4runtime-" + target + "-device-" + deviceId);
            t.setDaemon(true);
            return t;
        });
    }

    /** A client of device {@code deviceId} at {@code target} ({@code host:port}) with this election id. */
    public static Builder builder(String target, long deviceId, ElectionId electionId) {
        return new Builder(target, deviceId, electionId);
    }

    // ---------------------------------------------------------------- connection and arbitration

    /**
     * Opens the stream and arbitrates. Returns the role the switch gave us (primary or backup); fails with
     * {@code UNAVAILABLE} if the switch can't be reached, or with the switch's reason if it refused the
     * arbitration (e.g. {@code INVALID_ARGUMENT} when another client has the same election id).
     */
    @Override
    public MastershipRole connect() {
        ensureOpen();
        if (session != null) {
            throw new IllegalStateException("the client for " + where() + " is already connected; it reconnects by itself");
        }
        StreamSession s = openSession();
        try {
            awaitArbitration(s);
        } catch (P4RuntimeException e) {
            s.close();
            session = null;
            throw e;
        }
        return role;
    }

    private StreamSession openSession() {
        StreamSession s = new StreamSession(asyncStub, streamHandler);
        session = s;
        s.send(StreamMessageRequest.newBuilder().setArbitration(MasterArbitrationUpdate.newBuilder()
                .setDeviceId(deviceId).setElectionId(electionId.toProto())).build());
        return s;
    }

    private void awaitArbitration(StreamSession s) {
        String what = "arbitration with device " + deviceId + " at " + target + " (election id " + electionId + ")";
        try {
            s.firstArbitration().get(arbitrationTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new P4RuntimeException(what, Status.Code.DEADLINE_EXCEEDED,
                    "no answer within " + arbitrationTimeout.toMillis() + " ms", List.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new P4RuntimeException(what, Status.Code.CANCELLED, "interrupted", List.of(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StatusRuntimeException sre) {
                throw P4RuntimeErrors.from(sre, what, List.of(), null);
            }
            throw new P4RuntimeException(what, Status.Code.UNAVAILABLE, String.valueOf(cause.getMessage()), List.of(),
                    cause);
        }
    }

    @Override
    public MastershipRole role() {
        return role;
    }

    @Override
    public boolean isPrimary() {
        return role == MastershipRole.PRIMARY;
    }

    public ElectionId electionId() {
        return electionId;
    }

    public long deviceId() {
        return deviceId;
    }

    public String target() {
        return target;
    }

    /** Reconnection attempts since the client was created: shows the backoff at work. */
    public int reconnectAttempts() {
        return reconnectAttempts.get();
    }

    @Override
    public void addMastershipListener(MastershipListener listener) {
        mastershipListeners.add(Objects.requireNonNull(listener));
    }

    @Override
    public void addPacketInListener(PacketInListener listener) {
        packetInListeners.add(Objects.requireNonNull(listener));
    }

    public void addResyncListener(ResyncListener listener) {
        resyncListeners.add(Objects.requireNonNull(listener));
    }

    // ---------------------------------------------------------------- pipeline

    /**
     * Pushes the pipeline (VERIFY_AND_COMMIT) and makes its P4Info the one names are resolved against. The
     * switch starts the new pipeline with empty tables, so the driver forgets what it had installed.
     */
    @Override
    public void setPipelineConfig(PipelineConfig config) {
        synchronized (writeLock) {
            pushPipeline(config);
            installed.pipelineSet(config);
        }
    }

    /** Resolves names against this P4Info without pushing it: for a switch another client configured. */
    public void usePipeline(P4Info p4info) {
        this.index = new P4InfoIndex(p4info);
    }

    /** The P4Info names are resolved against, or null before a pipeline was set or used. */
    public P4InfoIndex p4infoIndex() {
        return index;
    }

    void pushPipeline(PipelineConfig config) {
        SetForwardingPipelineConfigRequest request = SetForwardingPipelineConfigRequest.newBuilder()
                .setDeviceId(deviceId).setElectionId(electionId.toProto())
                .setAction(SetForwardingPipelineConfigRequest.Action.VERIFY_AND_COMMIT)
                .setConfig(ForwardingPipelineConfig.newBuilder().setP4Info(config.p4info())
                        .setP4DeviceConfig(ByteString.copyFrom(config.deviceConfig()))
                        .setCookie(ForwardingPipelineConfig.Cookie.newBuilder().setCookie(config.cookie())))
                .build();
        try {
            stub().setForwardingPipelineConfig(request);
        } catch (StatusRuntimeException e) {
            throw P4RuntimeErrors.from(e, "setting the pipeline config of " + where(), List.of(), notPrimaryHint());
        }
        index = new P4InfoIndex(config.p4info());
    }

    /** The cookie of the pipeline the switch runs; empty when it runs none. */
    @Override
    public OptionalLong pipelineCookie() {
        GetForwardingPipelineConfigRequest request = GetForwardingPipelineConfigRequest.newBuilder()
                .setDeviceId(deviceId).setResponseType(GetForwardingPipelineConfigRequest.ResponseType.COOKIE_ONLY)
                .build();
        try {
            GetForwardingPipelineConfigResponse response = stub().getForwardingPipelineConfig(request);
            return response.hasConfig() && response.getConfig().hasCookie()
                    ? OptionalLong.of(response.getConfig().getCookie().getCookie()) : OptionalLong.empty();
        } catch (StatusRuntimeException e) {
            // A switch without a pipeline answers FAILED_PRECONDITION (BMv2) or NOT_FOUND.
            Status.Code code = e.getStatus().getCode();
            if (code == Status.Code.FAILED_PRECONDITION || code == Status.Code.NOT_FOUND) {
                return OptionalLong.empty();
            }
            throw P4RuntimeErrors.from(e, "reading the pipeline cookie of " + where(), List.of(), null);
        }
    }

    // ---------------------------------------------------------------- writes

    /** Collects updates to send in one Write; nothing is sent until {@link WriteBatch#write()}. */
    @Override
    public WriteBatch batch() {
        return new WriteBatch(this, requireIndex());
    }

    @Override
    public void insert(TableEntrySpec entry) {
        batch().insert(entry).write();
    }

    @Override
    public void modify(TableEntrySpec entry) {
        batch().modify(entry).write();
    }

    @Override
    public void delete(TableEntrySpec entry) {
        batch().delete(entry).write();
    }

    /** Replaces the table's default action. */
    @Override
    public void setDefaultAction(String table, ActionSpec action) {
        batch().modify(TableEntrySpec.defaultAction(table, action)).write();
    }

    @Override
    public void insert(CloneSessionSpec session) {
        batch().insert(session).write();
    }

    @Override
    public void modify(CloneSessionSpec session) {
        batch().modify(session).write();
    }

    @Override
    public void deleteCloneSession(int sessionId) {
        batch().deleteCloneSession(sessionId).write();
    }

    @Override
    public void insert(MulticastGroupSpec group) {
        batch().insert(group).write();
    }

    @Override
    public void modify(MulticastGroupSpec group) {
        batch().modify(group).write();
    }

    @Override
    public void deleteMulticastGroup(int groupId) {
        batch().deleteMulticastGroup(groupId).write();
    }

    @Override
    public void setMeterConfig(MeterConfigSpec config) {
        batch().modify(config).write();
    }

    /**
     * Sends updates in one Write. The ones the switch applied are remembered for re-sync (when
     * {@code remember}), even if others in the same request were refused.
     */
    void writeUpdates(List<PendingUpdate> updates, boolean remember) {
        if (updates.isEmpty()) {
            return;
        }
        WriteRequest.Builder request = WriteRequest.newBuilder().setDeviceId(deviceId)
                .setElectionId(electionId.toProto());
        List<String> descriptions = new ArrayList<>(updates.size());
        for (PendingUpdate u : updates) {
            request.addUpdates(u.toProto());
            descriptions.add(u.description());
        }
        synchronized (writeLock) {
            try {
                stub().write(request.build());
            } catch (StatusRuntimeException e) {
                P4RuntimeException error = P4RuntimeErrors.from(e, "write to " + where(), descriptions,
                        notPrimaryHint());
                if (remember) {
                    boolean[] failed = P4RuntimeErrors.failedUpdates(error, updates.size());
                    for (int i = 0; i < updates.size(); i++) {
                        if (!failed[i]) {
                            installed.applied(updates.get(i));
                        }
                    }
                }
                throw error;
            }
            if (remember) {
                updates.forEach(installed::applied);
            }
        }
    }

    // ---------------------------------------------------------------- reads

    /** Every entry of one table, decoded under full P4Info names (the default action is not included). */
    @Override
    public List<TableEntrySpec> readTableEntries(String table) {
        P4InfoIndex idx = requireIndex();
        int tableId = TableEntryCodec.checked(() -> idx.table(table), "table read").getPreamble().getId();
        Entity request = Entity.newBuilder().setTableEntry(TableEntry.newBuilder().setTableId(tableId)).build();
        TableEntryCodec codec = new TableEntryCodec(idx);
        List<TableEntrySpec> out = new ArrayList<>();
        for (Entity e : read(request, "reading table " + table)) {
            if (e.hasTableEntry() && !e.getTableEntry().getIsDefaultAction()) {
                out.add(codec.decode(e.getTableEntry()));
            }
        }
        return out;
    }

    /** The table's current default action. */
    @Override
    public ActionSpec readDefaultAction(String table) {
        P4InfoIndex idx = requireIndex();
        int tableId = TableEntryCodec.checked(() -> idx.table(table), "default action read").getPreamble().getId();
        Entity request = Entity.newBuilder().setTableEntry(TableEntry.newBuilder().setTableId(tableId)
                .setIsDefaultAction(true)).build();
        TableEntryCodec codec = new TableEntryCodec(idx);
        for (Entity e : read(request, "reading the default action of table " + table)) {
            if (e.hasTableEntry()) {
                return codec.decode(e.getTableEntry()).action();
            }
        }
        throw new P4RuntimeException("reading the default action of table " + table + " from " + where(),
                Status.Code.NOT_FOUND, "the switch returned no default entry", List.of(), null);
    }

    /** Every clone session on the switch, by id. */
    @Override
    public List<CloneSessionSpec> readCloneSessions() {
        List<CloneSessionSpec> out = new ArrayList<>();
        // Session id 0 is P4Runtime's wildcard.
        for (Entity e : read(PreEntryCodec.cloneSessionKey(0), "reading clone sessions")) {
            if (e.hasPacketReplicationEngineEntry() && e.getPacketReplicationEngineEntry().hasCloneSessionEntry()) {
                out.add(PreEntryCodec.decode(e.getPacketReplicationEngineEntry().getCloneSessionEntry()));
            }
        }
        out.sort(Comparator.comparingInt(CloneSessionSpec::sessionId));
        return out;
    }

    /** Every multicast group on the switch, by id. */
    @Override
    public List<MulticastGroupSpec> readMulticastGroups() {
        List<MulticastGroupSpec> out = new ArrayList<>();
        for (Entity e : read(PreEntryCodec.multicastGroupKey(0), "reading multicast groups")) {
            if (e.hasPacketReplicationEngineEntry() && e.getPacketReplicationEngineEntry().hasMulticastGroupEntry()) {
                out.add(PreEntryCodec.decode(e.getPacketReplicationEngineEntry().getMulticastGroupEntry()));
            }
        }
        out.sort(Comparator.comparingInt(MulticastGroupSpec::groupId));
        return out;
    }

    /** One cell of an indirect counter. */
    @Override
    public CounterReading readCounter(String counter, long cellIndex) {
        CounterEntryCodec codec = new CounterEntryCodec(requireIndex());
        for (Entity e : read(codec.readOne(counter, cellIndex), "reading counter " + counter + "[" + cellIndex + "]")) {
            if (e.hasCounterEntry()) {
                return codec.decode(e.getCounterEntry());
            }
        }
        throw new P4RuntimeException("reading counter " + counter + "[" + cellIndex + "] from " + where(),
                Status.Code.NOT_FOUND, "the switch returned no counter entry", List.of(), null);
    }

    /** Every cell of an indirect counter in one wildcard read, in index order. */
    @Override
    public List<CounterReading> readCounters(String counter) {
        CounterEntryCodec codec = new CounterEntryCodec(requireIndex());
        List<CounterReading> out = new ArrayList<>();
        for (Entity e : read(codec.readAll(counter), "reading counter " + counter)) {
            if (e.hasCounterEntry()) {
                out.add(codec.decode(e.getCounterEntry()));
            }
        }
        out.sort(Comparator.comparingLong(CounterReading::index));
        return out;
    }

    /** The configuration of one meter cell. */
    @Override
    public MeterConfigSpec readMeterConfig(String meter, long cellIndex) {
        MeterEntryCodec codec = new MeterEntryCodec(requireIndex());
        Entity request = codec.readOne(meter, cellIndex);
        for (Entity e : read(request, "reading meter " + meter + "[" + cellIndex + "]")) {
            if (e.hasMeterEntry()) {
                return codec.decode(e.getMeterEntry());
            }
        }
        throw new P4RuntimeException("reading meter " + meter + "[" + cellIndex + "] from " + where(),
                Status.Code.NOT_FOUND, "the switch returned no meter entry", List.of(), null);
    }

    private List<Entity> read(Entity entity, String what) {
        ReadRequest request = ReadRequest.newBuilder().setDeviceId(deviceId).addEntities(entity).build();
        List<Entity> out = new ArrayList<>();
        try {
            Iterator<ReadResponse> responses = stub().read(request);
            while (responses.hasNext()) {
                out.addAll(responses.next().getEntitiesList());
            }
        } catch (StatusRuntimeException e) {
            throw P4RuntimeErrors.from(e, what + " from " + where(), List.of(), null);
        }
        return out;
    }

    // ---------------------------------------------------------------- packet I/O

    /** Sends a frame for the switch to inject; only the primary's packet-outs are accepted. */
    @Override
    public void sendPacketOut(PacketOut packet) {
        p4.v1.P4RuntimeOuterClass.PacketOut encoded = new PacketIoCodec(requireIndex()).encode(packet);
        StreamSession s = session;
        if (s == null || role == MastershipRole.DISCONNECTED) {
            throw new P4RuntimeException("packet-out to " + where(), Status.Code.UNAVAILABLE,
                    "the stream to the switch is down", List.of(), null);
        }
        if (role != MastershipRole.PRIMARY) {
            // The switch drops a backup's packet-outs without a word; say so here instead.
            throw new P4RuntimeException("packet-out to " + where(), Status.Code.PERMISSION_DENIED, notPrimaryHint(),
                    List.of(), null);
        }
        s.send(StreamMessageRequest.newBuilder().setPacket(encoded).build());
    }

    // ---------------------------------------------------------------- internals

    private P4RuntimeGrpc.P4RuntimeBlockingStub stub() {
        ensureOpen();
        return blockingStub.withDeadlineAfter(rpcTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private P4InfoIndex requireIndex() {
        P4InfoIndex idx = index;
        if (idx == null) {
            throw new IllegalStateException("no P4Info for " + where()
                    + ": call setPipelineConfig or usePipeline before naming tables, counters or packet metadata");
        }
        return idx;
    }

    private String where() {
        return "device " + deviceId + " at " + target;
    }

    private String notPrimaryHint() {
        ElectionId p = primary;
        return "this client is not the primary (its election id is " + electionId + ", its role " + role
                + (p == null ? "" : ", the primary's election id is " + p) + ")";
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the P4Runtime client for " + where() + " is closed");
        }
    }

    private void changeRole(MastershipRole newRole, ElectionId newPrimary) {
        MastershipRole old;
        synchronized (this) {
            old = role;
            ElectionId oldPrimary = primary;
            role = newRole;
            primary = newPrimary;
            if (old == newRole && Objects.equals(oldPrimary, newPrimary)) {
                return;
            }
        }
        log.info("{}: {} (election id {}, primary {})", where(), newRole, electionId, newPrimary);
        MastershipEvent event = new MastershipEvent(deviceId, newRole, electionId, newPrimary);
        for (MastershipListener l : mastershipListeners) {
            try {
                l.mastershipChanged(event);
            } catch (RuntimeException e) {
                log.warn("mastership listener failed", e);
            }
        }
        if (newRole == MastershipRole.PRIMARY && old != MastershipRole.PRIMARY && !installed.isEmpty()) {
            reconnector.execute(this::resync);
        }
    }

    private void resync() {
        if (closed || role != MastershipRole.PRIMARY) {
            return;
        }
        ResyncReport report;
        // Holding the write lock keeps the caller's writes from interleaving with the replay.
        synchronized (writeLock) {
            report = new Resync(this, installed).run();
        }
        if (report.isComplete()) {
            log.info("{}: re-synced (pipeline pushed: {}, reinstalled {}, still present {})", where(),
                    report.pipelinePushed(), report.reinstalled(), report.stillPresent());
        } else {
            log.warn("{}: re-sync incomplete: {} {}", where(), report.refused(), report.error());
        }
        for (ResyncListener l : resyncListeners) {
            try {
                l.resynced(report);
            } catch (RuntimeException e) {
                log.warn("re-sync listener failed", e);
            }
        }
    }

    private void scheduleReconnect(int attempt) {
        if (closed) {
            return;
        }
        Duration delay = backoff.delay(attempt);
        reconnector.schedule(() -> reconnect(attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reconnect(int attempt) {
        if (closed) {
            return;
        }
        reconnectAttempts.incrementAndGet();
        // gRPC's own connect backoff would otherwise hold the channel in failure for up to two minutes.
        channel.resetConnectBackoff();
        StreamSession s = openSession();
        try {
            awaitArbitration(s);
            log.info("{}: reconnected after {} attempt(s)", where(), attempt + 1);
        } catch (P4RuntimeException e) {
            log.debug("{}: reconnect attempt {} failed: {}", where(), attempt + 1, e.getMessage());
            s.close();
            scheduleReconnect(attempt + 1);
        }
    }

    /** Stops reconnecting, ends the stream (the switch elects another primary) and closes the channel. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        StreamSession s = session;
        if (s != null) {
            s.close();
        }
        reconnector.shutdownNow();
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        role = MastershipRole.DISCONNECTED;
    }

    /** Receives what the current stream brings; messages from replaced streams are dropped. */
    private final class InternalStreamHandler implements StreamSession.Handler {

        @Override
        public void arbitration(StreamSession s, MasterArbitrationUpdate update) {
            if (s != session || closed) {
                return;
            }
            ElectionId reported = update.hasElectionId() ? ElectionId.fromProto(update.getElectionId()) : null;
            int code = update.hasStatus() ? update.getStatus().getCode() : Status.Code.OK.value();
            boolean weArePrimary = code == Status.Code.OK.value() && (reported == null || reported.equals(electionId));
            // A backup hears NOT_FOUND when no client is primary: then there is no primary id to report.
            ElectionId primaryId = weArePrimary ? electionId
                    : code == Status.Code.NOT_FOUND.value() ? null : reported;
            changeRole(weArePrimary ? MastershipRole.PRIMARY : MastershipRole.BACKUP, primaryId);
        }

        @Override
        public void message(StreamSession s, StreamMessageResponse response) {
            if (s != session || closed) {
                return;
            }
            if (response.hasPacket()) {
                P4InfoIndex idx = index;
                if (idx == null) {
                    log.warn("{}: packet-in dropped: no P4Info to decode its metadata", where());
                    return;
                }
                PacketIn packet;
                try {
                    packet = new PacketIoCodec(idx).decode(response.getPacket());
                } catch (InvalidEntityException e) {
                    log.warn("{}: packet-in dropped: {}", where(), e.getMessage());
                    return;
                }
                for (PacketInListener l : packetInListeners) {
                    try {
                        l.packetIn(packet);
                    } catch (RuntimeException e) {
                        log.warn("packet-in listener failed", e);
                    }
                }
            } else if (response.hasError()) {
                log.warn("{}: the switch reports a stream error: {}", where(), response.getError());
            }
        }

        @Override
        public void ended(StreamSession s, Throwable cause) {
            if (s != session || closed) {
                return;
            }
            boolean wasConnected = s.firstArbitration().isDone() && !s.firstArbitration().isCompletedExceptionally();
            if (!wasConnected) {
                // A failed connect or reconnect attempt: its caller handles it.
                return;
            }
            log.warn("{}: stream lost ({}); reconnecting", where(), cause == null ? "closed" : cause.getMessage());
            changeRole(MastershipRole.DISCONNECTED, null);
            scheduleReconnect(0);
        }
    }

    /** Where and how to connect. */
    public static final class Builder {
        private final String target;
        private final long deviceId;
        private final ElectionId electionId;
        private ReconnectBackoff backoff = ReconnectBackoff.DEFAULT;
        private Duration rpcTimeout = Duration.ofSeconds(10);
        private Duration arbitrationTimeout = Duration.ofSeconds(5);

        private Builder(String target, long deviceId, ElectionId electionId) {
            this.target = Objects.requireNonNull(target, "target can't be null");
            this.deviceId = deviceId;
            this.electionId = Objects.requireNonNull(electionId, "election id can't be null");
        }

        public Builder backoff(ReconnectBackoff value) {
            this.backoff = Objects.requireNonNull(value);
            return this;
        }

        /** How long a write or read may take before it fails with DEADLINE_EXCEEDED. */
        public Builder rpcTimeout(Duration value) {
            this.rpcTimeout = Objects.requireNonNull(value);
            return this;
        }

        /** How long to wait for the switch's answer to an arbitration. */
        public Builder arbitrationTimeout(Duration value) {
            this.arbitrationTimeout = Objects.requireNonNull(value);
            return this;
        }

        public P4RuntimeClient build() {
            return new P4RuntimeClient(this);
        }
    }
}
