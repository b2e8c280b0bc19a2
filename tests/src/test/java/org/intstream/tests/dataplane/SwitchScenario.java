package org.intstream.tests.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.intstream.engine.switchtwin.EpochSketch;
import org.intstream.engine.switchtwin.SwitchReport;
import org.intstream.engine.switchtwin.SwitchTwin;
import org.intstream.p4runtime.CounterReading;
import org.intstream.p4runtime.ElectionId;
import org.intstream.p4runtime.P4RuntimeClient;
import org.intstream.p4runtime.PacketIn;
import org.intstream.p4runtime.PacketOut;
import org.intstream.p4runtime.PipelineConfig;
import org.intstream.p4runtime.ResyncReport;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.SwitchStageExtractor;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.query.switchgen.SlotProgram;
import org.intstream.standalone.dataplane.SwitchProgrammer;
import org.intstream.standalone.run.QueryLoader;
import org.intstream.p4runtime.testswitch.SwitchEndpoint;
import org.intstream.tests.TraceRun;

/**
 * One scenario for any switch running intstream.p4 (real BMv2 or the soft switch), driven through the
 * P4Runtime driver as the controller drives it: install the switch stages of port scan, SYN flood and
 * heavy hitter at runtime, feed real captures, and check every report and every counter cell against the
 * Java twin; replace and remove queries with packets still flowing and check again; restart the switch,
 * let the driver re-sync, and check again.
 *
 * <p>Frames enter as packet-outs that go through the tables as if received on port 1 (no data ports
 * needed), padded to their wire length (the captures are cut to a snap length). The switch counts a
 * packet-out's 3-byte header in {@code packet_length}, so the twin is told each frame is 3 bytes longer.
 * Every stage has a 268 s window and the clock offset is minus the switch clock's origin, so every packet
 * falls in epoch 0, and the twin is given arrival time 0.
 */
final class SwitchScenario {
    static final Path P4INFO = TraceRun.ROOT.resolve("p4src/build/intstream.p4info.txt");
    static final Path BMV2_JSON = TraceRun.ROOT.resolve("p4src/build/intstream.json");
    private static final int PORT = 1;
    private static final int PACKET_OUT_HEADER_BYTES = 3;
    private static final byte[] SENTINEL = sentinel();

    private final SwitchEndpoint sw;
    private final LinkedBlockingQueue<PacketIn> packetIns = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<ResyncReport> resyncs = new LinkedBlockingQueue<>();
    private final GoldenVectors observed = new GoldenVectors();
    private P4RuntimeClient client;
    private SwitchProgrammer programmer;
    private SwitchTwin twin;

    private SwitchScenario(SwitchEndpoint sw) {
        this.sw = sw;
    }

    /** Runs the scenario and returns what the switch did, for golden vectors. */
    static GoldenVectors run(SwitchEndpoint sw) throws Exception {
        SwitchScenario s = new SwitchScenario(sw);
        try {
            s.runAll();
            return s.observed;
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\nswitch log:\n" + sw.logTail(), e);
        } finally {
            if (s.client != null) {
                s.client.close();
            }
        }
    }

    private void runAll() throws Exception {
        client = P4RuntimeClient.builder(sw.target(), sw.deviceId(), ElectionId.of(10)).build();
        client.addPacketInListener(packetIns::add);
        client.addResyncListener(resyncs::add);
        client.connect();
        client.setPipelineConfig(PipelineConfig.fromFiles(P4INFO, BMV2_JSON));
        programmer = new SwitchProgrammer(client, "s1");
        programmer.prepare(-sw.clockOriginMicros(), Set.of(PORT));
        twin = new SwitchTwin().edgePort(PORT);

        // 1. Three queries installed at runtime, three captures.
        observed.startPhase("port scan, SYN flood and heavy hitter installed");
        SlotProgram scan = install(stage("port_scan", "threshold=5"));
        SlotProgram flood = install(stage("syn_flood", "threshold=50"));
        SlotProgram heavy = install(stage("heavy_hitter", "threshold=100000;sketch_width=1024"));
        assertThat(List.of(scan.slot(), flood.slot(), heavy.slot())).containsExactly(0, 1, 2);
        List<SwitchReport> expected = feed("nmap-syn-fast.pcap", "hping-flood-norst.pcap", "skewed-load.pcap");
        assertThat(expected).as("the twin's reports in phase 1").hasSizeGreaterThan(3);
        checkReports(expected);
        checkCounters();

        // 2. Replace port scan (a lower threshold, narrower rows), remove SYN flood, keep the packets coming.
        observed.startPhase("port scan replaced, SYN flood removed");
        programmer.remove("syn_flood");
        twin.remove(flood.slot());
        SlotProgram scan2 = programmer.replace(stage("port_scan", "threshold=2").withWidth(256));
        twin.install(scan2);
        assertThat(client.readTableEntries(IntStreamP4.slotFilter(flood.slot()))).isEmpty();
        expected = feed("nmap-connect-slow.pcap", "hping-flood-spoofed.pcap");
        checkReports(expected);
        checkCounters();

        // 3. The switch restarts: the driver reconnects, pushes the pipeline and every entry again.
        observed.startPhase("after a switch restart and re-sync");
        sw.stop();
        sw.start();
        ResyncReport resync = resyncs.poll(60, TimeUnit.SECONDS);
        assertThat(resync).as("a re-sync within 60 s of the restart").isNotNull();
        assertThat(resync.isComplete()).as("re-sync " + resync).isTrue();
        assertThat(resync.pipelinePushed()).isTrue();
        assertThat(client.readTableEntries(IntStreamP4.slotFilter(scan2.slot()))).hasSize(scan2.entries().size());
        // A restarted switch starts with empty registers and counters.
        twin = new SwitchTwin().edgePort(PORT);
        for (SlotProgram p : programmer.installed()) {
            twin.install(p);
        }
        packetIns.clear();
        expected = feed("nmap-syn-fast.pcap");
        checkReports(expected);
        checkCounters();
        // The controller's per-epoch reads start again from zero after the restart (epoch 0, half 0).
        for (SlotProgram p : programmer.installed()) {
            EpochSketch epoch = programmer.readEpoch(p.stage().query(), 0);
            long[] twinPackets = twin.slot(p.slot()).counterPackets();
            for (int row = 0; row < IntStreamP4.SKETCH_ROWS; row++) {
                for (int cell = 0; cell < IntStreamP4.SKETCH_WIDTH; cell++) {
                    assertThat(epoch.packets(row, cell)).as("%s epoch 0 row %d cell %d", p.stage().query(), row, cell)
                            .isEqualTo(twinPackets[IntStreamP4.sketchCounterIndex(0, row, cell)]);
                }
            }
        }
    }

    private SlotProgram install(SwitchStage stage) {
        SlotProgram p = programmer.install(stage);
        twin.install(p);
        return p;
    }

    static SwitchStage stage(String query, String params) {
        Map<String, String> p = new HashMap<>();
        p.put("window", "268s");
        for (String kv : params.split(";")) {
            String[] x = kv.split("=", 2);
            p.put(x[0], x[1]);
        }
        return SwitchStageExtractor.extract(QueryLoader.shipped(query), p);
    }

    /** Sends every frame of the captures through the switch and the twin; returns the twin's new reports. */
    private List<SwitchReport> feed(String... traces) throws IOException, InterruptedException {
        int before = twin.reports().size();
        long sent = 0;
        for (String trace : traces) {
            try (TraceReader reader = TraceReaders.open(TraceRun.TRACES.resolve(trace))) {
                RawFrame f = new RawFrame();
                while (reader.next(f)) {
                    byte[] frame = Arrays.copyOfRange(f.data, f.offset, f.offset + f.wireLen);
                    client.sendPacketOut(PacketOut.of(frame).metadata("egress_port", 0)
                            .metadata("through_tables", 1).metadata("ingress_port", PORT));
                    RawFrame padded = new RawFrame();
                    padded.data = frame;
                    padded.capLen = frame.length;
                    padded.wireLen = frame.length + PACKET_OUT_HEADER_BYTES;
                    padded.linkType = f.linkType;
                    padded.index = ++sent;
                    twin.process(padded, PORT, 0);
                    frames.put(padded.index, frame);
                }
            }
        }
        // The sentinel goes straight to the CPU port after every frame before it.
        client.sendPacketOut(PacketOut.of(SENTINEL).metadata("egress_port", sw.cpuPort()).metadata("through_tables", 0)
                .metadata("ingress_port", 0));
        return new ArrayList<>(twin.reports().subList(before, twin.reports().size()));
    }

    private final Map<Long, byte[]> frames = new HashMap<>();

    /** The packet-ins up to the sentinel are exactly the twin's reports, in order, byte for byte but the clock. */
    private void checkReports(List<SwitchReport> expected) throws InterruptedException {
        List<PacketIn> got = new ArrayList<>();
        while (true) {
            PacketIn p = packetIns.poll(60, TimeUnit.SECONDS);
            assertThat(p).as("packet-ins until the sentinel (got " + got.size() + " reports)").isNotNull();
            if (Arrays.equals(p.payload(), SENTINEL)) {
                break;
            }
            got.add(p);
        }
        assertThat(got).as("reports").hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            SwitchReport r = expected.get(i);
            byte[] want = reportBytes(r, frames.get(r.frameIndex()));
            byte[] have = got.get(i).payload();
            assertThat(have.length).as("length of report " + i).isEqualTo(want.length);
            // The timestamp (bytes 18..25) is the switch's clock; its epoch must be the twin's (0).
            long ts = 0;
            for (int b = 18; b < 26; b++) {
                ts = (ts << 8) | (have[b] & 0xFF);
                have[b] = 0;
            }
            assertThat(ts).as("report " + i + " clock: in epoch 0").isBetween(0L, 268_000_000L - 1);
            observed.report(have);
            assertThat(have).as("report %d (%s)", i, r).isEqualTo(want);
            assertThat(got.get(i).metadataLong("ingress_port")).isEqualTo(PORT);
        }
    }

    /** A report as intstream.p4 builds it, with the clock zeroed, truncated as the switch truncates. */
    private static byte[] reportBytes(SwitchReport r, byte[] frame) {
        byte[] header = new byte[26];
        header[12] = (byte) 0x88;
        header[13] = (byte) 0xB5;
        header[14] = IntStreamP4.REPORT_VERSION;
        header[15] = (byte) r.fired();
        header[16] = (byte) (r.ingressPort() >> 8);
        header[17] = (byte) r.ingressPort();
        byte[] all = new byte[header.length + frame.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(frame, 0, all, header.length, frame.length);
        // truncate() counts the 2-byte packet-in header the CPU port strips.
        return Arrays.copyOf(all, Math.min(all.length, IntStreamP4.REPORT_TRUNCATE_BYTES - 2));
    }

    /** Every cell of every used slot's counter equals the twin's. */
    private void checkCounters() {
        for (int slot = 0; slot < IntStreamP4.SLOTS; slot++) {
            if (twin.slot(slot) == null) {
                continue;
            }
            long[] packets = new long[IntStreamP4.SLOT_COUNTER_CELLS];
            long[] bytes = new long[IntStreamP4.SLOT_COUNTER_CELLS];
            for (CounterReading c : client.readCounters(IntStreamP4.slotSketchCounter(slot))) {
                packets[(int) c.index()] = c.packets();
                bytes[(int) c.index()] = c.bytes();
            }
            observed.counters(slot, packets, bytes);
            assertThat(packets).as("slot %d counter packets", slot).isEqualTo(twin.slot(slot).counterPackets());
            assertThat(bytes).as("slot %d counter bytes", slot).isEqualTo(twin.slot(slot).counterBytes());
        }
    }

    private static byte[] sentinel() {
        byte[] s = new byte[60];
        s[12] = (byte) 0x88;
        s[13] = (byte) 0xB6; // not a report, not IPv4: no slot, no table touches it
        byte[] text = "intstream test sentinel".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, s, 14, text.length);
        return s;
    }
}
