package org.intstream.softswitch.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.intstream.softswitch.Softswitch;
import org.intstream.softswitch.action.ActionData;
import org.intstream.softswitch.action.ActionSpec;
import org.intstream.softswitch.model.P4Program;
import org.intstream.softswitch.table.MatchTable;
import org.intstream.softswitch.table.MatchValue;
import org.intstream.softswitch.table.TableEntry;
import org.intstream.softswitch.tm.Replica;
import org.junit.jupiter.api.Test;

/**
 * Two network namespaces joined only through the soft switch: each has a veth pair whose root end is a
 * switch port (Pcap4J), the switch runs forwarding.p4 with flooding for broadcasts and an l2 entry per
 * host, and a ping from one namespace to the other must get its replies. The root ends carry no address
 * and IPv6 is off, so only the test's own ARP and ICMP cross; everything is removed at the end. Needs
 * root; skipped otherwise.
 */
class InterfacePortNamespaceTest {
    private static final Path P4 = Path.of("src/test/resources/p4");

    private final String id = String.format("%05x", ThreadLocalRandom.current().nextInt(0x100000));
    private final String nsA = "ssw-" + id + "-a";
    private final String nsB = "ssw-" + id + "-b";
    private final String rootA = "ssw" + id + "a";
    private final String rootB = "ssw" + id + "b";
    private final int subnet = 16 + ThreadLocalRandom.current().nextInt(200);

    @Test
    void pingCrossesTheSwitch() throws Exception {
        assumeTrue(root(), "needs root and ip netns");
        List<String> namespaces = new ArrayList<>();
        try {
            for (String[] side : new String[][] {{nsA, rootA, "0a", "1"}, {nsB, rootB, "0b", "2"}}) {
                run("ip", "netns", "add", side[0]);
                namespaces.add(side[0]);
                run("ip", "netns", "exec", side[0], "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
                run("ip", "netns", "exec", side[0], "sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1");
                run("ip", "link", "add", side[1], "type", "veth", "peer", "name", "eth0", "netns", side[0]);
                run("sysctl", "-q", "-w", "net.ipv6.conf." + side[1] + ".disable_ipv6=1");
                run("ip", "link", "set", side[1], "up");
                run("ip", "netns", "exec", side[0], "ip", "link", "set", "eth0", "address", "02:00:00:00:00:" + side[2]);
                run("ip", "netns", "exec", side[0], "ip", "addr", "add", "10.79." + subnet + "." + side[3] + "/24", "dev", "eth0");
                run("ip", "netns", "exec", side[0], "ip", "link", "set", "eth0", "up");
                run("ip", "netns", "exec", side[0], "ip", "link", "set", "lo", "up");
            }
            Softswitch.Options o = Softswitch.Options.parse("--pipeline", P4.resolve("forwarding.json").toString(),
                    "--p4info", P4.resolve("forwarding.p4info.txt").toString(),
                    "--iface", "1=" + rootA, "--iface", "2=" + rootB);
            try (Softswitch s = Softswitch.start(o)) {
                P4Program program = s.device().pipeline().program();
                s.device().pipeline().pre().putGroup(1, List.of(new Replica(1, 0), new Replica(2, 0)));
                l2(program, 0xffffffffffffL, "TestIngress.flood", 1);
                l2(program, 0x02000000000aL, "TestIngress.set_port", 1);
                l2(program, 0x02000000000bL, "TestIngress.set_port", 2);

                String out = run("ip", "netns", "exec", nsA, "ping", "-c", "3", "-i", "0.2", "-W", "2",
                        "10.79." + subnet + ".2");
                assertThat(out).contains("3 packets transmitted, 3 received");
            }
        } finally {
            for (String ns : namespaces) {
                // Deleting a namespace removes its veth pair, root end included.
                runQuietly("ip", "netns", "del", ns);
            }
        }
    }

    private static void l2(P4Program program, long mac, String action, long arg) {
        MatchTable t = program.table("TestIngress.l2");
        ActionSpec a = t.action(action);
        t.insert(new TableEntry(List.of(MatchValue.exact(BigInteger.valueOf(mac), 48)), 0, a,
                ActionData.of(a, new BigInteger[] {BigInteger.valueOf(arg)}), 0, null));
    }

    private static boolean root() {
        try {
            return run("id", "-u").strip().equals("0") && new ProcessBuilder("ip", "netns", "list").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }

    private static void runQuietly(String... command) {
        try {
            run(command);
        } catch (IOException e) {
            // best effort cleanup
        }
    }
}
