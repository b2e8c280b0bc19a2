package org.intstream.agent;

import org.intstream.agent.testing.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The seed's setting in network namespaces: hosts h1..h6 at 10.0.0.1..10.0.0.6, each with eth0 on a
 * bridge that lives in a namespace of its own, so nothing of the lab touches the machine's interfaces;
 * IPv6 is off everywhere. Agents run as separate JVMs inside their host's namespace, as on real hosts.
 * Names are unique per run; {@link #close()} stops every process started here and removes every
 * namespace.
 */
final class AgentLab implements AutoCloseable {
    final String id = String.format("%05x", ThreadLocalRandom.current().nextInt(0x100000));
    final Path logs;
    private final String prefix;
    private final String bridgeNs;
    private final Map<String, String> hosts = new LinkedHashMap<>();
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    private AgentLab(String prefix) throws IOException {
        this.prefix = prefix;
        this.bridgeNs = prefix + "-" + id + "-sw";
        this.logs = Files.createTempDirectory("agent-lab-" + id + "-");
    }

    /** True when this process is root and the commands the lab needs are present. */
    static boolean available() {
        try {
            return Commands.run(10, "id", "-u").strip().equals("0") && Commands.runStatus(10, "ip", "netns", "list") == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** A lab with hosts h1..h{@code count}. */
    static AgentLab create(int count) throws IOException {
        return create(count, "isa");
    }

    /** A lab with hosts h1..h{@code count}, its namespaces named {@code prefix-…}. */
    static AgentLab create(int count, String prefix) throws IOException {
        AgentLab lab = new AgentLab(prefix);
        try {
            lab.addNamespace(lab.bridgeNs);
            lab.run(lab.bridgeNs, "ip", "link", "add", "br0", "type", "bridge", "stp_state", "0", "forward_delay", "0");
            lab.run(lab.bridgeNs, "ip", "link", "set", "br0", "up");
            for (int i = 1; i <= count; i++) {
                lab.addHost("h" + i, "10.0.0." + i);
            }
            return lab;
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private void addHost(String host, String address) throws IOException {
        String ns = prefix + "-" + id + "-" + host;
        addNamespace(ns);
        String port = "p" + host;
        run(bridgeNs, "ip", "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns);
        run(bridgeNs, "ip", "link", "set", port, "master", "br0");
        run(bridgeNs, "ip", "link", "set", port, "up");
        run(ns, "ip", "addr", "add", address + "/24", "dev", "eth0");
        run(ns, "ip", "link", "set", "eth0", "up");
        hosts.put(host, ns);
    }

    private void addNamespace(String ns) throws IOException {
        Commands.run(10, "ip", "netns", "add", ns);
        namespaces.add(ns);
        run(ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
        run(ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1");
        run(ns, "ip", "link", "set", "lo", "up");
    }

    String ns(String host) {
        String ns = hosts.get(host);
        if (ns == null) {
            throw new IllegalArgumentException("no host " + host + " in the lab");
        }
        return ns;
    }

    /** Runs a command on a host (or in the bridge's namespace), failing unless it exits 0 within 60 s. */
    String exec(String host, String... command) throws IOException {
        return run(ns(host), command);
    }

    private String run(String ns, String... command) throws IOException {
        return Commands.run(60, Commands.inNamespace(ns, command));
    }

    /**
     * Starts a command on a host with its output (stdout and stderr) going to {@code logs/name.log}; the lab
     * stops it when closed.
     */
    Process start(String host, String name, String... command) throws IOException {
        Process process = new ProcessBuilder(Commands.inNamespace(ns(host), command)).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    Path log(String name) {
        return logs.resolve(name + ".log");
    }

    /** Waits until a process's log holds {@code text}; fails with the log if it doesn't within the limit. */
    String awaitLog(String name, String text, long millis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            String content = Files.exists(log(name)) ? Files.readString(log(name), StandardCharsets.UTF_8) : "";
            if (content.contains(text)) {
                return content;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("'" + text + "' not in " + name + ".log after " + millis + " ms:\n" + content);
            }
            Thread.sleep(50);
        }
    }

    /** Failures quote the logs they need, so the directory goes with the lab. */
    private void deleteLogs() {
        try (java.util.stream.Stream<Path> files = Files.list(logs)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(logs);
        } catch (IOException e) {
            // a leftover temporary directory is not worth failing a test for
        }
    }

    /**
     * Stops the processes started here (SIGTERM, then SIGKILL after 5 s), kills whatever else still runs in
     * the lab's namespaces, and deletes them; keeps going past errors.
     */
    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<String> failures = new ArrayList<>();
        for (String ns : namespaces) {
            try {
                for (String pid : Commands.run(10, "ip", "netns", "pids", ns).split("\\s+")) {
                    if (!pid.isBlank()) {
                        Commands.runStatus(10, "kill", "-KILL", pid.strip());
                    }
                }
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
        }
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            try {
                Commands.run(10, "ip", "netns", "del", namespaces.get(i));
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
        }
        namespaces.clear();
        deleteLogs();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("agent lab " + id + " not fully removed: " + failures);
        }
    }
}
