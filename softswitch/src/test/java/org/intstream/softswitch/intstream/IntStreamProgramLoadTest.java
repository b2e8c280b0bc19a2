package org.intstream.softswitch.intstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.intstream.softswitch.model.P4Program;
import org.intstream.softswitch.model.ProgramLoader;
import org.junit.jupiter.api.Test;

/** The project's own program, as committed under p4src/build, loads with every table, counter and register. */
class IntStreamProgramLoadTest {
    static final Path JSON = Path.of("../p4src/build/intstream.json");

    @Test
    void intstreamJsonLoads() throws Exception {
        P4Program program = ProgramLoader.load(JSON);

        assertThat(program.tables()).containsKeys("IntStreamIngress.slot0.filter", "IntStreamIngress.forwarding.l2_exact",
                "IntStreamIngress.clock.clock");
        assertThat(program.table("IntStreamIngress.slot0.filter").directCounter())
                .isEqualTo("IntStreamIngress.slot0.filter_counter");
        assertThat(program.externs().counter("IntStreamIngress.slot0.sketch_counter").size()).isEqualTo(6144);
        assertThat(program.externs().register("IntStreamIngress.slot0.threshold_row0").width()).isEqualTo(64);
        assertThat(program.externs().meter("IntStreamEgress.report.report_meter")).isNotNull();
    }
}
