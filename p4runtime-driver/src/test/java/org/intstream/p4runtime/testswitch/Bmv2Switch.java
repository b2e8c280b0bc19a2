package org.intstream.p4runtime.testswitch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code simple_switch_grpc} on loopback, started with no P4 program and no data ports: packet-out and
 * packet-in use the CPU port, which needs no interface, so the tests need no network namespace. The gRPC
 * and Thrift ports are picked free once and kept, so a restarted switch is found where the old one was.
 */
public final class Bmv2Switch implements SwitchEndpoint {

    /** Where simple_switch_grpc is; {@code -Dbmv2.binary=...} points elsewhere. */
    public static final Path BINARY = Path.of(System.getProperty("bmv2.binary", "/opt/p4/bin/simple_switch_grpc"));
    private static final int CPU_PORT = 255;

    private final long deviceId;
    private final int grpcPort;
    private final int thriftPort;
    private final Path log;
    private Process process;

    public Bmv2Switch(String name, long deviceId) {
        this.deviceId = deviceId;
        this.grpcPort = freeLoopbackPort();
        this.thriftPort = freeLoopbackPort();
        try {
            Path dir = Files.createDirectories(Path.of("target", "bmv2"));
            this.log = dir.resolve(name + ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isInstalled() {
        return Files.isExecutable(BINARY);
    }

    @Override
    public synchronized void start() throws IOException {
        if (isRunning()) {
            throw new IllegalStateException("BMv2 on port " + grpcPort + " is already running");
        }
        List<String> command = List.of(BINARY.toString(), "--no-p4", "--device-id", Long.toString(deviceId),
                "--thrift-port", Integer.toString(thriftPort), "--log-console", "-L", "warn",
                // Target options come after "--".
                "--", "--grpc-server-addr", "127.0.0.1:" + grpcPort, "--cpu-port", Integer.toString(CPU_PORT));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // BMv2 finds its PI and Thrift libraries next to its own prefix.
        Path lib = BINARY.toAbsolutePath().getParent().resolveSibling("lib");
        builder.environment().merge("LD_LIBRARY_PATH", lib.toString(), (a, b) -> b + ":" + a);
        Files.writeString(log, "=== " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("simple_switch_grpc exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (accepts(grpcPort)) {
                return;
            }
            sleep(50);
        }
        stop();
        throw new IOException("simple_switch_grpc did not open 127.0.0.1:" + grpcPort + " within 15 s:\n" + logTail());
    }

    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public long clockOriginMicros() {
        return 0;
    }

    /** What {@code simple_switch_grpc --version} prints, for records of what was tested. */
    public static String version() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(BINARY.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
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
    public int cpuPort() {
        return CPU_PORT;
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
