package org.intstream.standalone.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.intstream.softswitch.Softswitch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code intstream softswitch}: the soft switch, running intstream.p4 (shipped in this jar) or another
 * program p4c compiled, with its P4Runtime server on 127.0.0.1, captures replayed into ports and live
 * interfaces as ports.
 */
@Command(name = "softswitch", mixinStandardHelpOptions = true,
        description = "Run the soft switch: it interprets a BMv2 JSON (by default intstream.p4's), serves "
                + "P4Runtime on 127.0.0.1, replays captures into ports (the packets' timestamps are its clock) "
                + "and uses live interfaces as ports.",
        footer = {"", "Examples:",
            "  intstream softswitch --grpc-port 9559                       # a controller connects and programs it",
            "  intstream softswitch --grpc-port 9559 --in 1=trace.pcap --wait",
            "  intstream softswitch --grpc-port 9559 --in 1=trace.pcap --replay-after-ms 5000 --paced --wait",
            "  intstream softswitch --iface 1=veth0 --iface 2=veth1 --grpc-port 9559"})
public final class SoftswitchCommand implements Callable<Integer> {

    @Option(names = "--pipeline", paramLabel = "X.json",
            description = "BMv2 JSON to load at start (default: intstream.p4's, with --p4info; 'none' to wait "
                    + "for a controller's SetForwardingPipelineConfig)")
    String pipeline;

    @Option(names = "--p4info", paramLabel = "X.p4info.txt", description = "the P4Info of --pipeline")
    String p4info;

    @Option(names = "--grpc-port", paramLabel = "N", defaultValue = "9559",
            description = "P4Runtime port on 127.0.0.1 (0: any free port; default ${DEFAULT-VALUE})")
    int grpcPort;

    @Option(names = "--device-id", paramLabel = "N", defaultValue = "1", description = "P4Runtime device id")
    long deviceId;

    @Option(names = "--cpu-port", paramLabel = "N", defaultValue = "255", description = "the CPU port")
    int cpuPort;

    @Option(names = "--in", paramLabel = "PORT=FILE", description = "a capture replayed into a port; repeatable")
    List<String> in = new ArrayList<>();

    @Option(names = "--out", paramLabel = "PORT=FILE", description = "write what leaves a port as pcap; repeatable")
    List<String> out = new ArrayList<>();

    @Option(names = "--iface", paramLabel = "PORT=INTERFACE", description = "a live interface as a port; repeatable")
    List<String> ifaces = new ArrayList<>();

    @Option(names = "--wait", description = "keep running after the captures are replayed")
    boolean waitAfterReplay;

    @Option(names = "--replay-after-ms", paramLabel = "MS", defaultValue = "0",
            description = "wait this long before replaying (a controller programs the switch meanwhile)")
    long replayAfterMillis;

    @Option(names = "--paced", description = "replay at the captures' own pace, not as fast as possible")
    boolean paced;

    @Override
    public Integer call() throws Exception {
        if (replayAfterMillis < 0) {
            throw new IllegalArgumentException("--replay-after-ms can't be negative, got " + replayAfterMillis);
        }
        List<String> args = new ArrayList<>();
        if (pipeline == null && p4info == null) {
            Path dir = Files.createTempDirectory("intstream-p4");
            dir.toFile().deleteOnExit();
            args.add("--pipeline");
            args.add(extract("intstream.json", dir).toString());
            args.add("--p4info");
            args.add(extract("intstream.p4info.txt", dir).toString());
        } else if (!"none".equals(pipeline)) {
            args.add("--pipeline");
            args.add(String.valueOf(pipeline));
            args.add("--p4info");
            args.add(String.valueOf(p4info));
        }
        args.add("--grpc-port");
        args.add(Integer.toString(grpcPort));
        args.add("--device-id");
        args.add(Long.toString(deviceId));
        args.add("--cpu-port");
        args.add(Integer.toString(cpuPort));
        for (String s : in) {
            Path file = Path.of(s.substring(s.indexOf('=') + 1));
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("--in " + s + ": cannot read " + file
                        + (Files.exists(file) ? " (permission denied)" : " (no such file)"));
            }
            args.add("--in");
            args.add(s);
        }
        for (String s : out) {
            args.add("--out");
            args.add(s);
        }
        for (String s : ifaces) {
            args.add("--iface");
            args.add(s);
        }
        if (waitAfterReplay) {
            args.add("--wait");
        }
        if (replayAfterMillis > 0) {
            args.add("--replay-after-ms");
            args.add(Long.toString(replayAfterMillis));
        }
        if (paced) {
            args.add("--paced");
        }
        Softswitch.main(args.toArray(new String[0]));
        return 0;
    }

    /** Copies a p4c output shipped in the jar to a file the soft switch loads. */
    private static Path extract(String name, Path dir) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream s = SoftswitchCommand.class.getResourceAsStream("/p4/" + name)) {
            if (s == null) {
                throw new IOException("this build does not carry /p4/" + name + "; give --pipeline and --p4info");
            }
            Files.copy(s, file);
        }
        file.toFile().deleteOnExit();
        return file;
    }
}
