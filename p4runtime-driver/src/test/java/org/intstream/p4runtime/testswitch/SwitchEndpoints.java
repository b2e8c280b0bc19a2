package org.intstream.p4runtime.testswitch;

import org.junit.jupiter.api.Assumptions;

/**
 * Picks the switch the tests run against: {@code -Dp4runtime.test.switch=bmv2} is real BMv2 (the tests are
 * skipped, saying why, where it is not installed), {@code soft} the project's soft switch in this JVM, and
 * {@code auto} (the default) BMv2 where it is installed, else the soft switch.
 */
public final class SwitchEndpoints {

    public static final String PROPERTY = "p4runtime.test.switch";

    private SwitchEndpoints() {
    }

    /** A stopped switch for the test class {@code name}; call {@link SwitchEndpoint#start()}. */
    public static SwitchEndpoint create(String name, long deviceId) {
        String kind = System.getProperty(PROPERTY, "auto");
        if (kind.equals("auto")) {
            kind = Bmv2Switch.isInstalled() ? "bmv2" : "soft";
        }
        if (kind.equals("soft")) {
            return new SoftSwitchEndpoint(deviceId);
        }
        if (kind.equals("bmv2")) {
            Assumptions.assumeTrue(Bmv2Switch.isInstalled(), "BMv2 is not installed (" + Bmv2Switch.BINARY
                    + " is missing): skipping the tests against a real switch");
            return new Bmv2Switch(name, deviceId);
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + kind + " is not a known switch; known: auto, bmv2, soft");
    }
}
