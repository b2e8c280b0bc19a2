package org.intstream.agent.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace joined to the root namespace by one veth pair: the root end (10.79.N.1/30) is the
 * interface an agent captures, the namespace end (10.79.N.2) is where the test's connection attempts go.
 * Nothing else is routed there; {@link #close()} removes both.
 */
final class OneNamespaceLab implements AutoCloseable {
    final String namespace;
    final String rootEnd;
    final String rootAddress;
    final String insideAddress;

    private OneNamespaceLab() {
        int id = ThreadLocalRandom.current().nextInt(1, 250);
        String tag = String.format("%05x", ThreadLocalRandom.current().nextInt(0x100000));
        this.namespace = "intstream-stream-" + tag;
        this.rootEnd = "iss" + tag;
        this.rootAddress = "10.79." + id + ".1";
        this.insideAddress = "10.79." + id + ".2";
    }

    /** True when this process is root and {@code ip netns} works. */
    static boolean available() {
        try {
            return run("id", "-u").strip().equals("0") && run("ip", "netns", "list") != null;
        } catch (IOException e) {
            return false;
        }
    }

    static OneNamespaceLab create() throws IOException {
        OneNamespaceLab lab = new OneNamespaceLab();
        try {
            run("ip", "netns", "add", lab.namespace);
            run("ip", "link", "add", lab.rootEnd, "type", "veth", "peer", "name", "eth0", "netns", lab.namespace);
            run("sysctl", "-qw", "net.ipv6.conf." + lab.rootEnd + ".disable_ipv6=1");
            run("ip", "addr", "add", lab.rootAddress + "/30", "dev", lab.rootEnd);
            run("ip", "link", "set", lab.rootEnd, "up");
            run("ip", "netns", "exec", lab.namespace, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
            run("ip", "netns", "exec", lab.namespace, "ip", "addr", "add", lab.insideAddress + "/30", "dev", "eth0");
            run("ip", "netns", "exec", lab.namespace, "ip", "link", "set", "eth0", "up");
            run("ip", "netns", "exec", lab.namespace, "ip", "link", "set", "lo", "up");
            return lab;
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** One TCP connection attempt from the root namespace to a closed port inside: a SYN out, a RST back. */
    void knock(int port) throws IOException {
        Process p = new ProcessBuilder("nc", "-z", "-w", "1", insideAddress, Integer.toString(port))
                .redirectErrorStream(true).start();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("nc to " + insideAddress + ":" + port + " did not finish in 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": no answer in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out.strip());
        }
        return out;
    }

    @Override
    public void close() {
        try {
            run("ip", "link", "del", rootEnd);
        } catch (IOException e) {
            // Not created, or gone with the namespace.
        }
        try {
            run("ip", "netns", "del", namespace);
        } catch (IOException e) {
            // Not created.
        }
    }
}
