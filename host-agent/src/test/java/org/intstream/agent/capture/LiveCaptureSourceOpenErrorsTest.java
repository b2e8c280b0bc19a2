package org.intstream.agent.capture;

import org.intstream.agent.testing.Commands;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.intstream.engine.packet.PointTable;
import org.junit.jupiter.api.Test;

/** Errors at open time that need no lab: an unknown interface, and a process without capture rights. */
class LiveCaptureSourceOpenErrorsTest {

    @Test
    void anUnknownInterfaceIsReportedWithTheAvailableOnes() throws CaptureException {
        String name = "nosuch-if0";
        PointTable points = new PointTable();
        assertThatThrownBy(() -> new LiveCaptureSource(name, CaptureOptions.DEFAULTS, points, "host/" + name))
                .isInstanceOfSatisfying(CaptureException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CaptureException.Reason.UNKNOWN_INTERFACE);
                    assertThat(e.iface()).isEqualTo(name);
                })
                .hasMessageContaining("'" + name + "'")
                .hasMessageContaining("available: ")
                .hasMessageContaining("lo");
        assertThat(LiveCaptureSource.availableInterfaces()).contains("lo").doesNotContain(name);
    }

    @Test
    void missingCapturePermissionIsReportedAsSuch() throws Exception {
        // Root can drop CAP_NET_RAW and CAP_NET_ADMIN for a child JVM; without root there is nothing to drop.
        assumeTrue(VethLab.available(), "needs root to start a child without capture capabilities");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String output = Commands.run(60, "setpriv", "--inh-caps=-net_raw,-net_admin",
                "--bounding-set=-net_raw,-net_admin", "--", java, "-cp", System.getProperty("java.class.path"),
                OpenCaptureProbe.class.getName(), "lo");
        assertThat(lastLine(output)).startsWith("PERMISSION_DENIED: no permission to capture on 'lo'")
                .contains("CAP_NET_RAW");
    }

    @Test
    void theProbeOpensWhenPermitted() throws IOException {
        assumeTrue(VethLab.available(), "needs root");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String output = Commands.run(60, java, "-cp", System.getProperty("java.class.path"),
                OpenCaptureProbe.class.getName(), "lo");
        // Linux presents loopback as Ethernet.
        assertThat(lastLine(output)).isEqualTo("OPENED linktype 1");
    }

    /** The probe's verdict; logging libraries may print before it. */
    private static String lastLine(String output) {
        return output.strip().lines().reduce((first, second) -> second).orElse("");
    }
}
