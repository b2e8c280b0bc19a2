package org.intstream.tests.dataplane;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.intstream.p4runtime.testswitch.Bmv2Switch;
import org.intstream.p4runtime.testswitch.SwitchEndpoint;
import org.junit.jupiter.api.Test;

/**
 * The switch stages of port scan, SYN flood and heavy hitter installed at runtime on real BMv2 running
 * intstream.p4, fed the frames of real captures: every report (which slots fired, on which packet, with which
 * bytes) and every cell of every slot's counter equal what the Java twin computes over the same packets.
 * Then queries are replaced and removed while packets keep flowing, the switch restarts and the driver
 * re-syncs, and the two still agree. With {@code -Dgolden.record=true} it records what BMv2 did as golden
 * vectors ({@link GoldenVectors}); otherwise it checks BMv2 still does that. Skipped where BMv2 is not
 * installed; the soft switch runs the same scenario everywhere and is checked against these vectors.
 */
class SwitchStagesOnBmv2Test {

    @Test
    void reportsAndCountersEqualTheTwin() throws Exception {
        assumeTrue(Bmv2Switch.isInstalled(), "BMv2 simple_switch_grpc is not installed at " + Bmv2Switch.BINARY);
        try (SwitchEndpoint sw = new Bmv2Switch("stages", 1)) {
            sw.start();
            GoldenVectors observed = SwitchScenario.run(sw);
            if (Boolean.getBoolean("golden.record")) {
                observed.record(Bmv2Switch.version());
            } else {
                observed.check();
            }
        }
    }
}
