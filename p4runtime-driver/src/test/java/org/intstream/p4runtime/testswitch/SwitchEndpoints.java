package org.intstream.p4runtime.testswitch;

import org.junit.jupiter.api.Assumptions;

/**
 * Picks the switch the tests run against: {@code -Dp4runtime.test.switch=bmv2} (the default) is real BMv2,
 * and the tests are skipped, saying why, where it is not installed. Another implementation of
 * {@link SwitchEndpoint} (the soft switch) is added here as a new name.
 */
public final class SwitchEndpoints {

    public static final String PROPERTY = "p4runtime.test.switch";

    private SwitchEndpoints() {
    }

    /** A stopped switch for the test class {@code name}; call {@link SwitchEndpoint#start()}. */
    public static SwitchEndpoint create(String name, long deviceId) {
        String kind = System.getProperty(PROPERTY, "bmv2");
        if (kind.equals("bmv2")) {
            Assumptions.assumeTrue(Bmv2Switch.isInstalled(), "BMv2 is not installed (" + Bmv2Switch.BINARY
                    + " is missing): skipping the tests against a real switch");
            return new Bmv2Switch(name, deviceId);
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + kind + " is not a known switch; known: bmv2");
    }
}
