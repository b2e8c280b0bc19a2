package org.intstream.softswitch;

import com.google.protobuf.ByteString;
import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.intstream.engine.packet.LinkTypes;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.intstream.engine.source.TraceReplay;
import org.intstream.softswitch.engine.OutputPacket;
import org.intstream.softswitch.io.InterfacePort;
import org.intstream.softswitch.io.PcapWriter;
import org.intstream.softswitch.p4runtime.LoadedPipeline;
import org.intstream.softswitch.p4runtime.P4RuntimeException;
import org.intstream.softswitch.p4runtime.P4RuntimeServer;
import org.intstream.softswitch.p4runtime.SwitchDevice;
import p4.config.v1.P4InfoOuterClass.P4Info;
import p4.v1.P4RuntimeOuterClass.ForwardingPipelineConfig;

/**
 * The embedded soft switch: a {@link SwitchDevice} with, optionally, a pipeline loaded at start, a
 * P4Runtime server on 127.0.0.1, captures replayed into its ports (merged in time order; the packets'
 * timestamps are the switch clock), network interfaces as live ports (capture timestamps are the clock),
 * and captures written from its ports.
 *
 * <pre>
 * java org.intstream.softswitch.Softswitch --pipeline p4src/build/intstream.json \
 *     --p4info p4src/build/intstream.p4info.txt --grpc-port 9559 --cpu-port 255 \
 *     --in 1=trace.pcap --out 2=out.pcap --wait
 * </pre>
 */
public final class Softswitch implements AutoCloseable {
    private final SwitchDevice device;
    private final Map<Integer, Path> inputs;
    private final Map<Integer, PcapWriter> outputs = new HashMap<>();
    private final Map<Integer, InterfacePort> interfaces = new HashMap<>();
    private P4RuntimeServer server;

    private Softswitch(SwitchDevice device, Map<Integer, Path> inputs) {
        this.device = device;
        this.inputs = inputs;
    }

    /** Parsed command line; see {@link #USAGE}. */
    public static final class Options {
        public long deviceId = 1;
        public int cpuPort = 255;
        /** 0 for any free port, -1 for no P4Runtime server. */
        public int grpcPort = -1;
        public Path pipeline;
        public Path p4info;
        public final Map<Integer, Path> in = new LinkedHashMap<>();
        public final Map<Integer, Path> out = new LinkedHashMap<>();
        public final Map<Integer, String> ifaces = new LinkedHashMap<>();
        public boolean waitAfterReplay;
        /** Milliseconds to wait before replaying (a controller programs the switch meanwhile). */
        public long replayAfterMillis;
        /** Replay at the captures' own pace instead of as fast as possible. */
        public boolean paced;

        public static Options parse(String... args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--wait")) {
                    o.waitAfterReplay = true;
                    continue;
                }
                if (a.equals("--paced")) {
                    o.paced = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value\n" + USAGE);
                }
                String v = args[++i];
                switch (a) {
                    case "--device-id":
                        o.deviceId = number(a, v);
                        break;
                    case "--cpu-port":
                        o.cpuPort = port(a, v);
                        break;
                    case "--grpc-port":
                        o.grpcPort = (int) number(a, v);
                        break;
                    case "--replay-after-ms":
                        o.replayAfterMillis = number(a, v);
                        if (o.replayAfterMillis < 0) {
                            throw new IllegalArgumentException(a + " can't be negative, got " + v);
                        }
                        break;
                    case "--pipeline":
                        o.pipeline = Path.of(v);
                        break;
                    case "--p4info":
                        o.p4info = Path.of(v);
                        break;
                    case "--in":
                        portFile(a, v, o.in);
                        break;
                    case "--out":
                        portFile(a, v, o.out);
                        break;
                    case "--iface": {
                        Map<Integer, Path> one = new LinkedHashMap<>();
                        portFile(a, v, one);
                        var e = one.entrySet().iterator().next();
                        if (o.ifaces.put(e.getKey(), e.getValue().toString()) != null) {
                            throw new IllegalArgumentException(a + ": port " + e.getKey() + " is given twice");
                        }
                        break;
                    }
                    default:
                        throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
                }
            }
            for (Integer port : o.ifaces.keySet()) {
                if (o.in.containsKey(port)) {
                    throw new IllegalArgumentException("port " + port + " has both a capture (--in) and an interface (--iface)");
                }
            }
            if ((o.pipeline == null) != (o.p4info == null)) {
                throw new IllegalArgumentException("--pipeline and --p4info go together\n" + USAGE);
            }
            if (!o.in.isEmpty() && o.pipeline == null && o.grpcPort < 0) {
                throw new IllegalArgumentException("replaying --in captures needs --pipeline/--p4info "
                        + "(or a P4Runtime server a controller pushes one to)\n" + USAGE);
            }
            return o;
        }

        private static long number(String option, String v) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " expects a number, got \"" + v + "\"");
            }
        }

        private static int port(String option, String v) {
            long p = number(option, v);
            if (p < 0 || p > 511) {
                throw new IllegalArgumentException(option + ": " + p + " is not a v1model port (0..511)");
            }
            return (int) p;
        }

        private static void portFile(String option, String v, Map<Integer, Path> into) {
            int eq = v.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(option + " expects PORT=" + (option.equals("--iface") ? "INTERFACE" : "FILE")
                    + ", got \"" + v + "\"");
            }
            int port = port(option, v.substring(0, eq));
            if (into.put(port, Path.of(v.substring(eq + 1))) != null) {
                throw new IllegalArgumentException(option + ": port " + port + " is given twice");
            }
        }
    }

    public static final String USAGE = "usage: softswitch [--pipeline X.json --p4info X.p4info.txt] [--grpc-port N]"
            + " [--cpu-port 255] [--device-id 1] [--in PORT=capture.pcap]... [--iface PORT=INTERFACE]..."
            + " [--out PORT=out.pcap]... [--replay-after-ms MS] [--paced] [--wait]";

    /** Builds the switch: loads the pipeline if given, opens the output captures, starts P4Runtime if asked. */
    public static Softswitch start(Options o) throws IOException {
        SwitchDevice device = new SwitchDevice(o.deviceId, o.cpuPort);
        Softswitch s = new Softswitch(device, Map.copyOf(o.in));
        try {
            if (o.pipeline != null) {
                try {
                    device.commit(LoadedPipeline.verify(config(o.pipeline, o.p4info)));
                } catch (P4RuntimeException e) {
                    throw new IllegalArgumentException("cannot load the pipeline " + o.pipeline + " with "
                            + o.p4info + ": " + e.getMessage(), e);
                }
            }
            for (Map.Entry<Integer, Path> e : o.out.entrySet()) {
                s.outputs.put(e.getKey(), new PcapWriter(e.getValue()));
            }
            if (o.grpcPort >= 0) {
                s.server = P4RuntimeServer.start(device, o.grpcPort);
            }
            if (!o.ifaces.isEmpty()) {
                device.onPortOutput(s::sendOnInterface);
                for (Map.Entry<Integer, String> e : o.ifaces.entrySet()) {
                    s.interfaces.put(e.getKey(), InterfacePort.open(e.getKey(), e.getValue(), s::onLiveFrame));
                }
            }
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** A pipeline config from a BMv2 JSON and a P4Info text file (unknown P4Info fields are allowed). */
    public static ForwardingPipelineConfig config(Path json, Path p4info) throws IOException {
        P4Info.Builder info = P4Info.newBuilder();
        try {
            TextFormat.Parser.newBuilder().setAllowUnknownFields(true).build().merge(Files.readString(p4info), info);
        } catch (TextFormat.ParseException e) {
            throw new IllegalArgumentException(p4info + ": not a P4Info text file: " + e.getMessage(), e);
        }
        return ForwardingPipelineConfig.newBuilder().setP4Info(info)
                .setP4DeviceConfig(ByteString.copyFrom(Files.readAllBytes(json))).build();
    }

    public SwitchDevice device() {
        return device;
    }

    /** The P4Runtime server's port, or -1 without a server. */
    public int grpcPort() {
        return server == null ? -1 : server.port();
    }

    /**
     * Replays the input captures into their ports in timestamp order, writing what leaves on ports that
     * have an output capture.
     *
     * @return frames replayed
     */
    public long replay() throws IOException {
        return replay(false);
    }

    /**
     * Replays the input captures; paced, each frame waits until as much wall-clock time has passed since the
     * first as capture time did (a controller reading epochs as they end sees them end in real time).
     */
    public long replay(boolean paced) throws IOException {
        List<TraceReader> readers = new ArrayList<>();
        try {
            for (Map.Entry<Integer, Path> e : inputs.entrySet()) {
                TraceReader r = TraceReaders.open(e.getValue());
                r.setPoint(e.getKey());
                readers.add(r);
            }
            TraceReplay replay = new TraceReplay(readers);
            long[] origin = {Long.MIN_VALUE, 0};
            long n = replay.run(f -> {
                if (paced) {
                    pace(f.tsMicros, origin);
                }
                onFrame(f);
            });
            if (!replay.problems().isEmpty()) {
                throw new IOException("damaged capture: " + replay.problems());
            }
            return n;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            for (TraceReader r : readers) {
                r.close();
            }
        }
    }

    /** Sleeps until the wall clock has moved on from the first frame as far as the capture has. */
    private static void pace(long tsMicros, long[] origin) {
        if (origin[0] == Long.MIN_VALUE) {
            origin[0] = tsMicros;
            origin[1] = System.nanoTime();
            return;
        }
        long due = origin[1] + (tsMicros - origin[0]) * 1000;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new java.io.InterruptedIOException("replay interrupted"));
            }
        }
    }

    /** A frame from an interface port, on that port's capture thread. */
    private void onLiveFrame(int port, byte[] frame, int wireLength, long tsMicros) {
        write(device.receive(port, frame, 0, frame.length, wireLength, tsMicros), tsMicros);
    }

    private void sendOnInterface(OutputPacket o) {
        InterfacePort port = interfaces.get(o.port());
        if (port != null) {
            try {
                port.send(o.data());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void onFrame(RawFrame f) {
        if (f.linkType != LinkTypes.ETHERNET) {
            throw new IllegalArgumentException("capture for port " + f.point + " has link type " + f.linkType
                    + "; the switch takes Ethernet frames (link type 1) only (frame " + f.index + ")");
        }
        write(device.receive(f.point, f.data, f.offset, f.capLen, f.wireLen, f.tsMicros), f.tsMicros);
    }

    private void write(List<OutputPacket> out, long tsMicros) {
        for (OutputPacket o : out) {
            PcapWriter w = outputs.get(o.port());
            if (w != null) {
                try {
                    synchronized (w) {
                        w.write(tsMicros, o.data());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (InterfacePort p : interfaces.values()) {
            p.close();
        }
        IOException failure = null;
        for (PcapWriter w : outputs.values()) {
            try {
                w.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (server != null) {
            server.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try (Softswitch s = start(o)) {
            if (s.grpcPort() >= 0) {
                System.err.println("P4Runtime on 127.0.0.1:" + s.grpcPort() + ", device id " + o.deviceId
                        + ", CPU port " + o.cpuPort);
            }
            if (!o.in.isEmpty()) {
                if (o.replayAfterMillis > 0) {
                    System.err.println("replaying in " + o.replayAfterMillis + " ms");
                    Thread.sleep(o.replayAfterMillis);
                }
                long n = s.replay(o.paced);
                System.err.println("replayed " + n + " frames");
            }
            if (o.waitAfterReplay || (o.in.isEmpty() && (s.grpcPort() >= 0 || !o.ifaces.isEmpty()))) {
                Thread.currentThread().join();
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
