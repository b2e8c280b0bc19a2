package org.intstream.tests.dataplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real BMv2 {@code simple_switch_grpc} on loopback with no data ports: tests feed it through packet-outs
 * that go through the tables (intstream.p4's {@code through_tables}) and read what it sends to the CPU port,
 * so no network namespace is needed. Its P4Runtime port is kept across restarts.
 */
final class Bmv2TestSwitch implements TestSwitch {
    static final Path BINARY = Path.of(System.getProperty("bmv2.binary", "/opt/p4/bin/simple_switch_grpc"));
    static final int CPU_PORT = 255;

    private final long deviceId;
    private final int grpcPort = freeLoopbackPort();
    private final int thriftPort = freeLoopbackPort();
    private final Path log;
    private Process process;

    Bmv2TestSwitch(String name, long deviceId) throws IOException {
        this.deviceId = deviceId;
        this.log = Files.createDirectories(Path.of("target", "bmv2")).resolve(name + ".log");
    }

    static boolean isInstalled() {
        return Files.isExecutable(BINARY);
    }

    /** The version BMv2 reports, for the record. */
    static String version() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(BINARY.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    @Override
    public void start() throws IOException {
        List<String> command = List.of(BINARY.toString(), "--no-p4", "--device-id", Long.toString(deviceId),
                "--thrift-port", Integer.toString(thriftPort), "--log-console", "-L", "warn",
                "--", "--grpc-server-addr", "127.0.0.1:" + grpcPort, "--cpu-port", Integer.toString(CPU_PORT));
        Files.writeString(log, "=== " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Path lib = BINARY.toAbsolutePath().getParent().resolveSibling("lib");
        builder.environment().merge("LD_LIBRARY_PATH", lib.toString(), (a, b) -> b + ":" + a);
        process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("simple_switch_grpc exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (accepts(grpcPort)) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while BMv2 starts", e);
            }
        }
        stop();
        throw new IOException("simple_switch_grpc did not open port " + grpcPort + " within 15 s:\n" + logTail());
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public String target() {
        return "127.0.0.1:" + grpcPort;
    }

    @Override
    public long deviceId() {
        return deviceId;
    }

    @Override
    public long clockOriginMicros() {
        return 0;
    }

    @Override
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
