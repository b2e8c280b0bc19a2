package org.intstream.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.intstream.engine.switchtwin.SlotTwin;
import org.intstream.p4runtime.ElectionId;
import org.intstream.p4runtime.P4RuntimeClient;
import org.intstream.p4runtime.PacketOut;
import org.intstream.p4runtime.PipelineConfig;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.SwitchStageExtractor;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.query.switchgen.SlotProgram;
import org.intstream.softswitch.Softswitch;
import org.intstream.standalone.dataplane.SwitchProgrammer;
import org.intstream.standalone.run.QueryLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time from "install query" to the first packet counted: the port-scan stage is installed on a switch
 * running intstream.p4 through the P4Runtime driver (slot placement, the baseline counter read, the entry
 * writes), then a SYN is sent through the tables (a packet-out as if received on port 1) until the slot's
 * counter shows it. Each sample ends with the query removed again (not timed). The switch is the soft
 * switch in this JVM ({@code target=soft}) or real BMv2 ({@code target=bmv2}, where installed). Target:
 * median below 50 ms.
 *
 * <pre>
 *   mvn -B -Pbench -pl tests -am -DskipTests package
 *   java -jar tests/target/benchmarks.jar SwitchInstallBench
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class SwitchInstallBench {
    private static final Path BUILD = Path.of("p4src", "build");
    private static final Path BMV2 = Path.of("/opt/p4/bin/simple_switch_grpc");

    @Param({"soft", "bmv2"})
    public String target;

    private Softswitch soft;
    private Process bmv2;
    private P4RuntimeClient client;
    private SwitchProgrammer programmer;
    private SwitchStage stage;
    private final byte[] syn = synFrame();
    private int[] indexes;
    private long baseline;
    /** The SYN's destination port, new for every packet: the stage counts distinct (source, port) pairs. */
    private int dport = 1;

    @Setup(Level.Trial)
    public void start() throws IOException, InterruptedException {
        int port = freePort();
        if (target.equals("soft")) {
            Softswitch.Options o = new Softswitch.Options();
            o.grpcPort = port;
            soft = Softswitch.start(o);
        } else {
            if (!Files.isExecutable(BMV2)) {
                throw new IllegalStateException("BMv2 is not installed at " + BMV2 + "; run with -p target=soft");
            }
            bmv2 = new ProcessBuilder(BMV2.toString(), "--no-p4", "--device-id", "1", "--thrift-port",
                    Integer.toString(freePort()), "--", "--grpc-server-addr", "127.0.0.1:" + port, "--cpu-port", "255")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            waitForPort(port);
        }
        client = P4RuntimeClient.builder("127.0.0.1:" + port, 1, ElectionId.of(1)).build();
        client.connect();
        client.setPipelineConfig(PipelineConfig.fromFiles(BUILD.resolve("intstream.p4info.txt"),
                BUILD.resolve("intstream.json")));
        programmer = new SwitchProgrammer(client, "bench");
        programmer.prepare(0, Set.of(1));
        // A threshold no test packet reaches: the sample measures counting, not reporting.
        stage = SwitchStageExtractor.extract(QueryLoader.shipped("port_scan"), Map.of("threshold", "1000000"));
        int[] cells = new SlotTwin(SlotProgram.of(stage, 0)).cellsOf(0x0A000001, 0, 0, 0, 0);
        // Row 0's cell in both epoch halves: the switch's clock decides which one counts.
        indexes = new int[] {IntStreamP4.sketchCounterIndex(0, 0, cells[0]), IntStreamP4.sketchCounterIndex(1, 0, cells[0])};
    }

    @Setup(Level.Invocation)
    public void removeQuery() {
        if (!programmer.installed().isEmpty()) {
            programmer.remove("port_scan");
        }
        baseline = counted();
    }

    @Benchmark
    public long installToFirstCount() {
        programmer.install(stage);
        for (int attempt = 0; attempt < 10_000; attempt++) {
            dport = dport % 65535 + 1;
            syn[36] = (byte) (dport >> 8);
            syn[37] = (byte) dport;
            client.sendPacketOut(PacketOut.of(syn).metadata("egress_port", 0).metadata("through_tables", 1)
                    .metadata("ingress_port", 1));
            long now = counted();
            if (now > baseline) {
                return now;
            }
        }
        throw new IllegalStateException("the installed query counted nothing after 10000 packets");
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        client.close();
        if (soft != null) {
            soft.close();
        }
        if (bmv2 != null) {
            bmv2.destroyForcibly();
        }
    }

    private long counted() {
        long sum = 0;
        for (int i : indexes) {
            sum += client.readCounter(IntStreamP4.slotSketchCounter(0), i).packets();
        }
        return sum;
    }

    /** Ethernet + IPv4 + TCP SYN from 10.0.0.1:40000 to 10.0.0.2 (the port is set per packet). */
    private static byte[] synFrame() {
        byte[] f = new byte[54];
        f[12] = 0x08;
        f[14] = 0x45;
        f[17] = 40;
        f[22] = 64;
        f[23] = 6;
        f[26] = 10;
        f[29] = 1;
        f[30] = 10;
        f[33] = 2;
        f[34] = (byte) (40000 >> 8);
        f[35] = (byte) 40000;
        f[46] = 0x50;
        f[47] = 0x02;
        return f;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IOException("BMv2 did not open port " + port + " within 15 s");
    }
}
