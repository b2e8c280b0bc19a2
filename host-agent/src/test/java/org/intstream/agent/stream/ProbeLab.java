package org.intstream.agent.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.intstream.agent.probe.ProbeListenerProcess;

/**
 * Namespaces an agent in the root namespace probes over veth pairs. {@code a} (10.81.N.2/29, a TCP listener on
 * port 2222) lies behind a router namespace {@code m} that delays every packet it forwards by a fixed time in
 * each direction, so a round trip to a takes at least twice that; {@code b} (10.82.N.2/30, a bandwidth probe
 * listener on port 8001) lies behind a token-bucket rate limit on the root end. 10.81.N.5 is on a's link but no
 * host has it: probes to it go unanswered. {@link #close()} stops the processes and removes the namespaces and
 * the links.
 *
 * <p>The delay: this kernel has no netem ({@code tc qdisc add ... netem} says the qdisc kind is unknown), so
 * {@code m} routes forwarded packets through a TUN device whose reader ({@code probe/delay_line.py}) writes
 * each back after the delay; policy routes by incoming interface send what comes from either link into the
 * TUN and what comes back out of it to the other link.
 */
final class ProbeLab implements AutoCloseable {
    static final int TCP_PORT = 2222;
    static final int PROBE_PORT = 8001;

    final String tag = String.format("%05x", ThreadLocalRandom.current().nextInt(0x100000));
    final int id = ThreadLocalRandom.current().nextInt(1, 250);
    final String nsM = "prb-" + tag + "-m";
    final String nsA = "prb-" + tag + "-a";
    final String nsB = "prb-" + tag + "-b";
    final String rootM = "prb" + tag + "m";
    final String rootB = "prb" + tag + "b";
    final String addressA = "10.81." + id + ".2";
    final String unanswered = "10.81." + id + ".5";
    final String addressB = "10.82." + id + ".2";
    private final List<Process> processes = new ArrayList<>();

    /** @param oneWayDelayMillis added by m in each direction; @param rateMbit the token bucket's rate toward b */
    static ProbeLab create(int oneWayDelayMillis, int rateMbit) throws IOException {
        ProbeLab lab = new ProbeLab();
        try {
            String rootNet = "10.80." + lab.id + ".0/30";
            String aNet = "10.81." + lab.id + ".0/29";
            lab.link(null, lab.nsM, lab.rootM, "10.80." + lab.id + ".1/30", "10.80." + lab.id + ".2/30");
            lab.link(lab.nsM, lab.nsA, "toa", "10.81." + lab.id + ".1/29", lab.addressA + "/29");
            lab.link(null, lab.nsB, lab.rootB, "10.82." + lab.id + ".1/30", lab.addressB + "/30");
            run("ip", "route", "add", aNet, "via", "10.80." + lab.id + ".2", "dev", lab.rootM);
            lab.in(lab.nsA, "ip", "route", "add", "default", "via", "10.81." + lab.id + ".1");
            lab.in(lab.nsM, "sysctl", "-qw", "net.ipv4.ip_forward=1");
            for (String dev : List.of("all", "default", "eth0", "toa")) {
                lab.in(lab.nsM, "sysctl", "-qw", "net.ipv4.conf." + dev + ".rp_filter=0");
            }
            Path script = Path.of("src", "test", "resources", "probe", "delay_line.py").toAbsolutePath();
            Process delay = lab.start("ip", "netns", "exec", lab.nsM, "python3", script.toString(), "tun0",
                    Integer.toString(oneWayDelayMillis));
            lab.awaitLine(delay, "ready", "the delay line in " + lab.nsM);
            lab.in(lab.nsM, "sysctl", "-qw", "net.ipv4.conf.tun0.rp_filter=0");
            lab.in(lab.nsM, "ip", "link", "set", "tun0", "up");
            lab.in(lab.nsM, "ip", "rule", "add", "iif", "eth0", "lookup", "100");
            lab.in(lab.nsM, "ip", "route", "add", aNet, "dev", "tun0", "table", "100");
            lab.in(lab.nsM, "ip", "rule", "add", "iif", "toa", "lookup", "101");
            lab.in(lab.nsM, "ip", "route", "add", rootNet, "dev", "tun0", "table", "101");
            run("tc", "qdisc", "add", "dev", lab.rootB, "root", "tbf", "rate", rateMbit + "mbit", "burst", "32kb",
                    "latency", "200ms");
            lab.start("ip", "netns", "exec", lab.nsA, "socat", "TCP-LISTEN:" + TCP_PORT + ",fork,reuseaddr",
                    "EXEC:/bin/cat");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process listener = lab.start("ip", "netns", "exec", lab.nsB, java, "-Xmx64m", "-XX:TieredStopAtLevel=1",
                    "-cp", classPath(), ProbeListenerProcess.class.getName(), lab.addressB, Integer.toString(PROBE_PORT));
            lab.awaitLine(listener, "listening", "the probe listener in " + lab.nsB);
            lab.awaitPort(lab.nsA, TCP_PORT);
            return lab;
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private static String run(String... command) throws IOException {
        return OneNamespaceLab.run(command);
    }

    private String in(String ns, String... command) throws IOException {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(List.of(command));
        return run(c.toArray(new String[0]));
    }

    private void awaitLine(Process p, String prefix, String what) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith(prefix)) {
            throw new IOException(what + " did not start: " + line);
        }
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** A veth pair from {@code from} (null: the root namespace) into {@code ns}, where its end is eth0. */
    private void link(String from, String ns, String fromEnd, String fromCidr, String insideCidr) throws IOException {
        run("ip", "netns", "add", ns);
        if (from == null) {
            run("ip", "link", "add", fromEnd, "type", "veth", "peer", "name", "eth0", "netns", ns);
            run("sysctl", "-qw", "net.ipv6.conf." + fromEnd + ".disable_ipv6=1");
            run("ip", "addr", "add", fromCidr, "dev", fromEnd);
            run("ip", "link", "set", fromEnd, "up");
        } else {
            in(from, "ip", "link", "add", fromEnd, "type", "veth", "peer", "name", "eth0", "netns", ns);
            in(from, "ip", "addr", "add", fromCidr, "dev", fromEnd);
            in(from, "ip", "link", "set", fromEnd, "up");
        }
        in(ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
        in(ns, "ip", "addr", "add", insideCidr, "dev", "eth0");
        in(ns, "ip", "link", "set", "eth0", "up");
        in(ns, "ip", "link", "set", "lo", "up");
    }

    private Process start(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(p);
        return p;
    }

    private void awaitPort(String ns, int port) throws IOException {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            if (in(ns, "ss", "-Hltn", "sport = :" + port).contains(":" + port)) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        throw new IOException("nothing listens on port " + port + " in " + ns + " after 5 s");
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String link : List.of(rootM, rootB)) {
            try {
                run("ip", "link", "del", link);
            } catch (IOException e) {
                // Not created, or gone with its namespace.
            }
        }
        for (String ns : List.of(nsA, nsM, nsB)) {
            try {
                run("ip", "netns", "del", ns);
            } catch (IOException e) {
                // Not created.
            }
        }
    }
}
