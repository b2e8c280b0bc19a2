package org.intstream.agent.capture;

import org.intstream.agent.testing.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces, A (10.78.0.1) and B (10.78.0.2), each joined by a veth pair to a bridge in the root
 * namespace, where the test JVM captures on A's root end: frames from A arrive there as input, frames to A
 * leave there as output. The bridge and the root ends have no address and IPv6 is off everywhere, so
 * nothing but the test's own traffic crosses, and nothing leaves the lab. Names are unique per run;
 * {@link #close()} removes everything.
 */
final class VethLab implements AutoCloseable {
    static final String ADDRESS_A = "10.78.0.1";
    static final String ADDRESS_B = "10.78.0.2";

    final String id;
    final String nsA;
    final String nsB;
    /** Root-namespace end of A's veth pair: the capture interface. */
    final String rootA;
    final String rootB;
    final String bridge;
    /** Ends inside the namespaces. */
    final String insideA = "eth0";
    final String insideB = "eth0";

    private final List<String> createdNamespaces = new ArrayList<>();
    private final List<String> createdLinks = new ArrayList<>();

    private VethLab() {
        this.id = String.format("%05x", ThreadLocalRandom.current().nextInt(0x100000));
        this.nsA = "intstream-cap-" + id + "-a";
        this.nsB = "intstream-cap-" + id + "-b";
        this.rootA = "isc" + id + "a";
        this.rootB = "isc" + id + "b";
        this.bridge = "isc" + id + "br";
    }

    /** True when this process is root and {@code ip netns} works, the conditions for the lab. */
    static boolean available() {
        try {
            return Commands.run(10, "id", "-u").strip().equals("0") && Commands.runStatus(10, "ip", "netns", "list") == 0;
        } catch (IOException e) {
            return false;
        }
    }

    static VethLab create() throws IOException {
        VethLab lab = new VethLab();
        try {
            lab.build();
            return lab;
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private void build() throws IOException {
        addNamespace(nsA);
        addNamespace(nsB);
        addLink(bridge, "ip", "link", "add", bridge, "type", "bridge");
        disableIpv6InRoot(bridge);
        connect(nsA, rootA, ADDRESS_A);
        connect(nsB, rootB, ADDRESS_B);
        Commands.run(10, "ip", "link", "set", bridge, "up");
    }

    private void addNamespace(String ns) throws IOException {
        Commands.run(10, "ip", "netns", "add", ns);
        createdNamespaces.add(ns);
        inNamespace(ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
        inNamespace(ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1");
        inNamespace(ns, "ip", "link", "set", "lo", "up");
    }

    private void connect(String ns, String rootEnd, String address) throws IOException {
        addLink(rootEnd, "ip", "link", "add", rootEnd, "type", "veth", "peer", "name", "eth0", "netns", ns);
        disableIpv6InRoot(rootEnd);
        Commands.run(10, "ip", "link", "set", rootEnd, "master", bridge);
        Commands.run(10, "ip", "link", "set", rootEnd, "up");
        inNamespace(ns, "ip", "addr", "add", address + "/24", "dev", "eth0");
        inNamespace(ns, "ip", "link", "set", "eth0", "up");
    }

    private void addLink(String name, String... command) throws IOException {
        Commands.run(10, command);
        createdLinks.add(name);
    }

    private static void disableIpv6InRoot(String link) throws IOException {
        Commands.run(10, "sysctl", "-q", "-w", "net.ipv6.conf." + link + ".disable_ipv6=1");
    }

    /** Runs a command inside a namespace, failing with its output unless it exits 0 within 30 s. */
    String inNamespace(String ns, String... command) throws IOException {
        return Commands.run(30, Commands.inNamespace(ns, command));
    }

    /** Starts a command inside a namespace without waiting; the caller owns the process. */
    Process startInNamespace(String ns, String... command) throws IOException {
        return new ProcessBuilder(Commands.inNamespace(ns, command)).redirectErrorStream(true).start();
    }

    /**
     * Removes the veth pairs and the bridge, then the namespaces; keeps going past errors. Links go first
     * because a namespace's removal frees its veth pairs asynchronously, racing any later look at them.
     */
    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        for (int i = createdLinks.size() - 1; i >= 0; i--) {
            String link = createdLinks.get(i);
            try {
                if (linkExists(link)) {
                    Commands.run(10, "ip", "link", "del", link);
                }
            } catch (IOException e) {
                if (linkExists(link)) {
                    failures.add(e.getMessage());
                }
            }
        }
        for (String ns : createdNamespaces) {
            try {
                Commands.run(10, "ip", "netns", "del", ns);
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
        }
        createdNamespaces.clear();
        createdLinks.clear();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("lab " + id + " not fully removed: " + failures);
        }
    }

    private static boolean linkExists(String link) {
        try {
            return Commands.runStatus(10, "ip", "link", "show", link) == 0;
        } catch (IOException e) {
            return true; // unknown: report the failure rather than hide it
        }
    }
}
