package org.intstream.tests.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.intstream.engine.switchtwin.SwitchTwin;
import org.intstream.p4runtime.CounterReading;
import org.intstream.p4runtime.ElectionId;
import org.intstream.p4runtime.MeterConfigSpec;
import org.intstream.p4runtime.P4RuntimeClient;
import org.intstream.p4runtime.PacketIn;
import org.intstream.p4runtime.PipelineConfig;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.SwitchStageExtractor;
import org.intstream.query.switchgen.EpochClock;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.query.switchgen.SlotProgram;
import org.intstream.softswitch.Softswitch;
import org.intstream.standalone.dataplane.SwitchProgrammer;
import org.intstream.tests.TraceRun;
import org.junit.jupiter.api.Test;

/**
 * The report meter: a SYN flood with a new source port per packet makes a slot keyed by (source, port)
 * fire once per port, hundreds of times in a few seconds; with the meter at 10 reports per second (burst 10), the switch sends at
 * most that many, counts the rest as suppressed, and sent plus suppressed is exactly what the Java twin
 * (which has no meter) fires. The soft switch meters on the packets' own clock, so this is deterministic.
 */
class ReportMeterOnSoftswitchTest {

    @Test
    void reportsOverTheRateAreDroppedAndCounted() throws Exception {
        Softswitch.Options o = new Softswitch.Options();
        o.grpcPort = 0;
        try (Softswitch soft = Softswitch.start(o);
                P4RuntimeClient client = P4RuntimeClient.builder("127.0.0.1:" + soft.grpcPort(), 1, ElectionId.of(1)).build()) {
            LinkedBlockingQueue<PacketIn> packetIns = new LinkedBlockingQueue<>();
            client.addPacketInListener(packetIns::add);
            client.connect();
            client.setPipelineConfig(PipelineConfig.fromFiles(SwitchScenario.P4INFO, SwitchScenario.BMV2_JSON));

            List<RawFrame> frames = new ArrayList<>();
            try (TraceReader r = TraceReaders.open(TraceRun.TRACES.resolve("hping-flood-norst.pcap"))) {
                RawFrame f = new RawFrame();
                while (r.next(f)) {
                    RawFrame copy = new RawFrame();
                    copy.data = java.util.Arrays.copyOfRange(f.data, f.offset, f.offset + f.capLen);
                    copy.capLen = f.capLen;
                    copy.wireLen = f.wireLen;
                    copy.tsMicros = f.tsMicros;
                    copy.linkType = f.linkType;
                    copy.index = f.index;
                    frames.add(copy);
                }
            }
            long offset = EpochClock.offsetForUnixTimestamps(frames.get(0).tsMicros);
            SwitchProgrammer programmer = new SwitchProgrammer(client, "s1");
            programmer.prepare(offset, Set.of(1));
            SwitchStage stage = SwitchStageExtractor.extract(DslParser.parseQuery("query per_port\n  packets\n"
                    + "  | filter ip.proto == 6\n  | window tumbling 10s\n"
                    + "  | reduce count() as n by ip.src as src, l4.sport as sport\n  | filter n > 0\n"), Map.of());
            SlotProgram program = programmer.install(stage);
            client.setMeterConfig(new MeterConfigSpec(IntStreamP4.REPORT_METER, 0, 10, 10, 10, 10));
            SwitchTwin twin = new SwitchTwin().edgePort(1).clockOffset(offset).install(program);

            for (RawFrame f : frames) {
                soft.device().receive(1, f.data, 0, f.capLen, f.wireLen, f.tsMicros);
                twin.process(f, 1);
            }
            long fired = twin.reports().size();
            long sent = report(client, 0);
            long suppressed = report(client, 1);
            double seconds = (frames.get(frames.size() - 1).tsMicros - frames.get(0).tsMicros) / 1e6;

            assertThat(fired).as("the twin fires once per (source, port): hundreds of times").isGreaterThan(500);
            assertThat(sent + suppressed).as("every report the slots fired is sent or counted suppressed").isEqualTo(fired);
            assertThat(suppressed).isPositive();
            assertThat(sent).as("at most 10 per second plus the burst over %.1f s", seconds)
                    .isLessThanOrEqualTo((long) Math.ceil(seconds * 10) + 10 + 1);
            List<PacketIn> got = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (got.size() < sent && System.nanoTime() < deadline) {
                PacketIn p = packetIns.poll(1, TimeUnit.SECONDS);
                if (p != null) {
                    got.add(p);
                }
            }
            assertThat(got).as("packet-ins delivered").hasSize((int) sent);
        }
    }

    private static long report(P4RuntimeClient client, int index) {
        CounterReading r = client.readCounter(IntStreamP4.REPORT_COUNTER, index);
        return r.packets();
    }
}
