package org.intstream.standalone.server;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.intstream.controller.dataplane.CalibratedClock;
import org.intstream.controller.dataplane.ClockCalibration;
import org.intstream.controller.dataplane.ReplayClock;
import org.intstream.controller.dataplane.SlotHit;
import org.intstream.controller.dataplane.SwitchClock;
import org.intstream.controller.dataplane.SwitchLink;
import org.intstream.controller.dataplane.SwitchReportFrame;
import org.intstream.engine.switchtwin.EpochSketch;
import org.intstream.p4runtime.ElectionId;
import org.intstream.p4runtime.P4RuntimeClient;
import org.intstream.p4runtime.PacketOut;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.switchgen.EpochClock;
import org.intstream.query.switchgen.SlotProgram;
import org.intstream.standalone.dataplane.ClockCalibrator;
import org.intstream.standalone.dataplane.SwitchProgrammer;

/**
 * A switch running {@code intstream.p4} reached over P4Runtime: on connect the controller becomes its
 * primary, pushes the pipeline shipped in this jar, writes the report clone session, the clock offset and the
 * edge ports; then it installs, removes and reads query slots through {@link SwitchProgrammer}, and hands
 * every report packet-in to the core. A switch whose clock is calibrated ({@link SwitchSpec.ClockMode#CALIBRATE})
 * has its offset measured with probes ({@link ClockCalibrator}) before any query is installed, and measured
 * again, on a thread of its own, whenever it lost its pipeline (it restarted, and so did its clock).
 */
public final class P4SwitchLink implements SwitchLink, AutoCloseable {
    /** The controller's election id: above a test client's or a CLI tool's. */
    private static final long ELECTION_ID = 20;
    /** Probes per calibration: the shortest round trip of 16 is close to the link's best. */
    static final int CALIBRATION_PROBES = 16;
    /** How long a probe's report is waited for before the next probe goes. */
    static final long PROBE_ANSWER_MILLIS = 500;

    private final SwitchSpec spec;
    private final P4RuntimeClient client;
    private final SwitchProgrammer programmer;
    private final ClockCalibrator calibrator;
    private final SwitchClock clock;
    private final ExecutorService recalibration;

    private P4SwitchLink(SwitchSpec spec, P4RuntimeClient client, SwitchProgrammer programmer,
            ClockCalibrator calibrator, SwitchClock clock) {
        this.spec = spec;
        this.client = client;
        this.programmer = programmer;
        this.calibrator = calibrator;
        this.clock = clock;
        this.recalibration = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "clock-calibration-" + spec.name());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects and prepares the switch (and calibrates its clock when its spec says so).
     *
     * @param reports gets (switch name, payload) of every report packet-in
     * @throws IOException when the shipped pipeline can't be read
     * @throws RuntimeException when the switch can't be reached, refuses the pipeline or the writes, or answers
     *     none of the clock probes
     */
    public static P4SwitchLink connect(SwitchSpec spec, long nowMillis, BiConsumer<String, byte[]> reports)
            throws IOException {
        P4RuntimeClient client = P4RuntimeClient.builder(spec.target(), spec.deviceId(), ElectionId.of(ELECTION_ID))
                .build();
        try {
            SwitchProgrammer programmer = new SwitchProgrammer(client, spec.name());
            ClockCalibrator calibrator = new ClockCalibrator(client, programmer, P4SwitchLink::wallMicros);
            client.addPacketInListener(p -> {
                if (!calibrator.offer(p.payload()) && SwitchReportFrame.isReport(p.payload())) {
                    reports.accept(spec.name(), p.payload());
                }
            });
            client.connect();
            client.setPipelineConfig(ShippedPipeline.load());
            programmer.prepare(offset(spec, nowMillis), spec.edgePorts());
            SwitchClock clock;
            switch (spec.clock()) {
                case REPLAY:
                    clock = new ReplayClock(spec.clockMicros(), System::currentTimeMillis);
                    break;
                case CALIBRATE:
                    clock = new CalibratedClock(System::currentTimeMillis);
                    break;
                default:
                    clock = SwitchClock.wall(System::currentTimeMillis);
            }
            P4SwitchLink link = new P4SwitchLink(spec, client, programmer, calibrator, clock);
            if (clock instanceof CalibratedClock) {
                link.calibrate();
                client.addResyncListener(report -> {
                    if (report.pipelinePushed()) {
                        link.recalibration.execute(link::recalibrateQuietly);
                    }
                });
            }
            return link;
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * The clock offset the switch is given first (docs/switch.md, "The clock"); a calibrated switch starts as
     * if its clock were Unix time.
     */
    static long offset(SwitchSpec spec, long nowMillis) {
        switch (spec.clock()) {
            case REPLAY:
                return EpochClock.offsetForUnixTimestamps(spec.clockMicros());
            case OFFSET:
                return spec.clockMicros();
            case UNIX:
            case CALIBRATE:
            default:
                return EpochClock.offsetForUnixTimestamps(nowMillis * 1000);
        }
    }

    /** The controller's wall clock in microseconds (finer than the milliseconds its windows are kept in). */
    private static long wallMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /**
     * Measures the switch's clock now and writes the offset; the result goes to the switch's clock.
     *
     * @throws IllegalStateException when the switch's clock is not calibrated by the controller, when no probe
     *     is answered or no slot is free for the probes (the offset in force stays)
     */
    public ClockCalibration calibrate() {
        if (!(clock instanceof CalibratedClock)) {
            throw new IllegalStateException("switch " + spec.name() + ": its clock is " + spec.clock().name()
                    .toLowerCase(java.util.Locale.ROOT) + ", not calibrated by the controller");
        }
        CalibratedClock calibrated = (CalibratedClock) clock;
        try {
            ClockCalibration c = calibrator.calibrate(CALIBRATION_PROBES, PROBE_ANSWER_MILLIS);
            calibrated.calibrated(c);
            return c;
        } catch (RuntimeException e) {
            String why = "switch " + spec.name() + ": clock calibration failed: " + e.getMessage();
            calibrated.failed(why);
            throw new IllegalStateException(why, e);
        }
    }

    private void recalibrateQuietly() {
        try {
            calibrate();
        } catch (RuntimeException e) {
            // Kept by the clock as its problem and shown with the switch; the previous offset stays.
        }
    }

    /** How the controller follows this switch's clock (with its calibration, when it is calibrated). */
    public SwitchClock clock() {
        return clock;
    }

    /**
     * Writes a clock offset by hand, as {@code --switch-clock offset:MICROS} would; on a calibrated switch the
     * next calibration replaces it.
     */
    public void setClockOffset(long micros) {
        programmer.setClockOffset(micros);
    }

    /** The clock offset last written to the switch. */
    public long clockOffset() {
        return programmer.clockOffset();
    }

    /**
     * Sends a frame through the switch's tables as if it had arrived on {@code ingressPort} (a packet-out;
     * only the primary, this link, may send them).
     */
    public void inject(byte[] frame, int ingressPort) {
        client.sendPacketOut(PacketOut.of(frame).metadata("egress_port", 0).metadata("through_tables", 1)
                .metadata("ingress_port", ingressPort));
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
        recalibration.shutdownNow();
        client.close();
    }
}
