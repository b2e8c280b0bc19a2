package org.intstream.softswitch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.intstream.softswitch.Softswitch;
import org.intstream.softswitch.p4runtime.GoldenSetup;
import org.intstream.softswitch.p4runtime.LoadedPipeline;
import org.intstream.softswitch.p4runtime.SwitchDevice;
import p4.v1.P4RuntimeOuterClass;

/**
 * Packets per second of the soft switch running intstream.p4 with the golden setup (three query
 * slots, flooding, reports) on frames from captures held in memory. Outside the test run:
 *
 * <pre>
 * mvn -q -o -pl softswitch test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.intstream.softswitch.bench.SoftswitchBench [-Dexec.args="seconds"]
 * </pre>
 */
public final class SoftswitchBench {
    private static final Path BUILD = Path.of("../p4src/build");
    private static final String TRACES = "../tests/src/test/resources/traces/";

    private SoftswitchBench() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        SwitchDevice device = new SwitchDevice(1, 255);
        LoadedPipeline pipeline = LoadedPipeline.verify(Softswitch.config(BUILD.resolve("intstream.json"),
                BUILD.resolve("intstream.p4info.txt")));
        device.commit(pipeline);
        var golden = new ObjectMapper().readTree(SoftswitchBench.class.getResourceAsStream("/golden/intstream.json"));
        List<P4RuntimeOuterClass.Entity> setup = GoldenSetup.entities(pipeline.p4info().info(), golden.get("setup"));
        BenchSetup.write(pipeline, setup);

        List<byte[]> frames = new ArrayList<>();
        List<Integer> wire = new ArrayList<>();
        for (String trace : new String[] {"nmap-syn-fast.pcap", "hping-flood-norst.pcap", "skewed-load.pcap", "busy-server.pcap"}) {
            try (TraceReader r = TraceReaders.open(Path.of(TRACES + trace))) {
                RawFrame f = new RawFrame();
                while (r.next(f)) {
                    frames.add(Arrays.copyOfRange(f.data, f.offset, f.offset + f.capLen));
                    wire.add(f.wireLen);
                }
            }
        }
        System.out.println(frames.size() + " frames in memory");
        long ts = 1_000_000;
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) {
            long n = 0;
            long start = System.nanoTime();
            long cpuStart = cpu.getCurrentThreadCpuTime();
            long deadline = start + (long) (seconds * 1e9);
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < frames.size(); i++) {
                    byte[] f = frames.get(i);
                    device.receive(1, f, 0, f.length, wire.get(i), ts);
                    ts += 10;
                }
                n += frames.size();
            }
            double secs = (System.nanoTime() - start) / 1e9;
            double cpuSecs = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            // Per CPU second as well: the machine may be busy with other work.
            System.out.printf("round %d: %.0f packets/s, %.0f packets per CPU second (%d packets in %.1f s)%n",
                    round, n / secs, n / cpuSecs, n, secs);
        }
    }
}
