package org.intstream.tests.dataplane;

import org.intstream.p4runtime.testswitch.SoftSwitchEndpoint;
import org.intstream.p4runtime.testswitch.SwitchEndpoint;
import org.junit.jupiter.api.Test;

/**
 * The scenario of {@link SwitchScenario} on the soft switch, everywhere (no BMv2 needed): port scan, SYN
 * flood and heavy hitter installed at runtime through the P4Runtime driver, real captures fed in, queries
 * replaced and removed, the switch restarted and re-synced; every report and counter cell equals the Java
 * twin and what real BMv2 output in the same scenario (the committed golden vectors).
 */
class SwitchStagesOnSoftswitchTest {

    @Test
    void reportsAndCountersEqualTheTwinAndBmv2() throws Exception {
        try (SwitchEndpoint sw = new SoftSwitchEndpoint(1)) {
            sw.start();
            GoldenVectors observed = SwitchScenario.run(sw);
            observed.check();
        }
    }
}
