package org.intstream.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.intstream.standalone.server.SwitchSpec;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SwitchOptionsTest {
    private static final Path CAPTURE = Path.of("..", "tests", "src", "test", "resources", "traces", "nmap-syn-fast.pcap");

    private static List<SwitchSpec> specs(String... args) throws Exception {
        SwitchOptions o = new SwitchOptions();
        new CommandLine(o).parseArgs(args);
        return o.specs();
    }

    @Test
    void specs() throws Exception {
        List<SwitchSpec> s = specs("--switch", "s1=127.0.0.1:9559", "--switch", "s2=[::1]:50001@7",
                "--switch-edge", "s1=1,2", "--switch-clock", "s2=offset:-1700000000000000",
                "--switch-clock", "s1=replay:" + CAPTURE);
        assertThat(s).hasSize(2);
        assertThat(s.get(0).toString()).isEqualTo("s1=127.0.0.1:9559@1");
        assertThat(s.get(0).edgePorts()).isEqualTo(Set.of(1, 2));
        assertThat(s.get(0).clock()).isEqualTo(SwitchSpec.ClockMode.REPLAY);
        assertThat(s.get(0).clockMicros()).as("the capture's first packet").isGreaterThan(1_000_000_000_000_000L);
        assertThat(s.get(1).target()).isEqualTo("[::1]:50001");
        assertThat(s.get(1).deviceId()).isEqualTo(7);
        assertThat(s.get(1).edgePorts()).isEmpty();
        assertThat(s.get(1).clock()).isEqualTo(SwitchSpec.ClockMode.OFFSET);
        assertThat(s.get(1).clockMicros()).isEqualTo(-1_700_000_000_000_000L);
        assertThat(specs("--switch", "a=h:1").get(0).clock()).isEqualTo(SwitchSpec.ClockMode.UNIX);
        assertThat(specs("--switch", "a=h:1", "--switch-clock", "a=calibrate").get(0).clock())
                .isEqualTo(SwitchSpec.ClockMode.CALIBRATE);
    }

    @Test
    void wrongOptionsAreNamed() {
        assertThatThrownBy(() -> specs("--switch", "127.0.0.1:9559"))
                .hasMessage("--switch wants NAME=HOST:PORT[@DEVICE_ID], got '127.0.0.1:9559'");
        assertThatThrownBy(() -> specs("--switch", "s1=localhost"))
                .hasMessage("--switch s1=localhost: 'localhost' is not HOST:PORT");
        assertThatThrownBy(() -> specs("--switch", "s1=h:1@x")).hasMessage("--switch s1=h:1@x: device id 'x' is not a number");
        assertThatThrownBy(() -> specs("--switch", "s1=h:1", "--switch", "s1=h:2"))
                .hasMessage("--switch s1=h:2: switch 's1' is given twice");
        assertThatThrownBy(() -> specs("--switch", "s1=h:1", "--switch-edge", "s2=1"))
                .hasMessage("--switch-edge s2=1: no --switch is named 's2'");
        assertThatThrownBy(() -> specs("--switch", "s1=h:1", "--switch-edge", "s1=1,x"))
                .hasMessage("--switch-edge s1=1,x: 'x' is not a port (0..511)");
        assertThatThrownBy(() -> specs("--switch", "s1=h:1", "--switch-clock", "s1=bmv2"))
                .hasMessage("--switch-clock s1=bmv2: use unix, calibrate, replay:CAPTURE or offset:MICROS");
        assertThatThrownBy(() -> specs("--switch", "s1=h:1", "--switch-clock", "s1=calibrate:xyz"))
                .hasMessage("--switch-clock s1=calibrate:xyz: calibrate takes no value (the controller measures the "
                        + "offset itself)");
        assertThatThrownBy(() -> specs("--switch", "s1=h:1", "--switch-clock", "s1=calibrate:"))
                .hasMessageStartingWith("--switch-clock s1=calibrate:: calibrate takes no value");
        assertThatThrownBy(() -> specs("--switch", "s1=h:1", "--switch-clock", "s2=calibrate"))
                .hasMessage("--switch-clock s2=calibrate: no --switch is named 's2'");
        assertThatThrownBy(() -> specs("--switch", "s1=h:1", "--switch-clock", "s1=offset:xyz"))
                .hasMessage("--switch-clock s1=offset:xyz: the offset is not a number of microseconds");
        assertThatThrownBy(() -> specs("--switch", "s1=h:1", "--switch-clock", "s1=replay:/no/such.pcap"))
                .hasMessage("--switch-clock s1=replay:/no/such.pcap: cannot read /no/such.pcap");
    }
}
