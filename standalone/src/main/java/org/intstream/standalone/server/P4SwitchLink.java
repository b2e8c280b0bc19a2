package org.intstream.standalone.server;

import java.io.IOException;
import java.util.List;
import java.util.function.BiConsumer;
import org.intstream.controller.dataplane.SlotHit;
import org.intstream.controller.dataplane.SwitchLink;
import org.intstream.controller.dataplane.SwitchReportFrame;
import org.intstream.engine.switchtwin.EpochSketch;
import org.intstream.p4runtime.ElectionId;
import org.intstream.p4runtime.P4RuntimeClient;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.switchgen.EpochClock;
import org.intstream.query.switchgen.SlotProgram;
import org.intstream.standalone.dataplane.SwitchProgrammer;

/**
 * A switch running {@code intstream.p4} reached over P4Runtime: on connect the controller becomes its
 * primary, pushes the pipeline shipped in this jar, writes the report clone session, the clock offset and the
 * edge ports; then it installs, removes and reads query slots through {@link SwitchProgrammer}, and hands
 * every report packet-in to the core.
 */
public final class P4SwitchLink implements SwitchLink, AutoCloseable {
    /** The controller's election id: above a test client's or a CLI tool's. */
    private static final long ELECTION_ID = 20;

    private final SwitchSpec spec;
    private final P4RuntimeClient client;
    private final SwitchProgrammer programmer;

    private P4SwitchLink(SwitchSpec spec, P4RuntimeClient client, SwitchProgrammer programmer) {
        this.spec = spec;
        this.client = client;
        this.programmer = programmer;
    }

    /**
     * Connects and prepares the switch.
     *
     * @param reports gets (switch name, payload) of every report packet-in
     * @throws IOException when the shipped pipeline can't be read
     * @throws RuntimeException when the switch can't be reached or refuses the pipeline or the writes
     */
    public static P4SwitchLink connect(SwitchSpec spec, long nowMillis, BiConsumer<String, byte[]> reports)
            throws IOException {
        P4RuntimeClient client = P4RuntimeClient.builder(spec.target(), spec.deviceId(), ElectionId.of(ELECTION_ID))
                .build();
        try {
            client.addPacketInListener(p -> {
                if (SwitchReportFrame.isReport(p.payload())) {
                    reports.accept(spec.name(), p.payload());
                }
            });
            client.connect();
            client.setPipelineConfig(ShippedPipeline.load());
            SwitchProgrammer programmer = new SwitchProgrammer(client, spec.name());
            programmer.prepare(offset(spec, nowMillis), spec.edgePorts());
            return new P4SwitchLink(spec, client, programmer);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The clock offset the switch is given (docs/switch.md, "The clock"). */
    static long offset(SwitchSpec spec, long nowMillis) {
        switch (spec.clock()) {
            case REPLAY:
                return EpochClock.offsetForUnixTimestamps(spec.clockMicros());
            case OFFSET:
                return spec.clockMicros();
            case UNIX:
            default:
                return EpochClock.offsetForUnixTimestamps(nowMillis * 1000);
        }
    }

    public SwitchSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public SlotProgram install(SwitchStage stage) {
        return programmer.install(stage);
    }

    @Override
    public void remove(String query) {
        programmer.remove(query);
    }

    @Override
    public EpochSketch readEpoch(String query, long epoch) {
        return programmer.readEpoch(query, epoch);
    }

    @Override
    public List<SlotHit> decode(byte[] reportPayload) {
        synchronized (programmer) {
            // The decoder is not thread-safe; the programmer's lock also keeps slots still while it reads them.
            return programmer.reports().decode(reportPayload);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
