package org.intstream.tests.mininet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.intstream.tests.TraceRun;
import org.junit.jupiter.api.Test;

/**
 * The Mininet topologies of {@code mininet-topos/} with BMv2 switches running intstream.p4: each starts,
 * is programmed over P4Runtime, passes pingall with no loss plus a far ping and a short iperf3 through the
 * switches, and stops leaving nothing behind ({@code make -C mininet-topos check}). Needs root, Mininet and
 * BMv2 under /opt/p4; skipped where they are missing.
 */
class MininetToposTest {
    private static final Path TOPOS = TraceRun.ROOT.resolve("mininet-topos");

    @Test
    void treeAndCampusPassTrafficThroughBmv2() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/opt/p4/bin/simple_switch_grpc")), "BMv2 is not installed under /opt/p4");
        assumeTrue(Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/mininet")), "Mininet is not installed");
        assumeTrue("root".equals(System.getProperty("user.name")), "Mininet needs root");
        Process p = new ProcessBuilder("make", "-C", TOPOS.toString(), "check").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(400, TimeUnit.SECONDS)).as("make check finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("0% dropped");
    }
}
