package org.intstream.p4runtime.testswitch;

import java.io.IOException;

/**
 * A P4Runtime switch the tests can start, crash and start again: real BMv2 ({@link Bmv2Switch}) where it is
 * installed, the soft switch in CI once it serves P4Runtime. Each start gives a switch with no pipeline and
 * no state, at the same address, as a rebooted device would be.
 */
public interface SwitchEndpoint extends AutoCloseable {

    /** Starts the switch and returns once its P4Runtime server accepts connections. */
    void start() throws IOException;

    /** Kills the switch abruptly, as a crash or power loss would; its state is gone. */
    void stop();

    boolean isRunning();

    /** The P4Runtime server as {@code host:port}; the same across restarts. */
    String target();

    long deviceId();

    /** The port packet-outs come in on and packet-ins leave by. */
    int cpuPort();

    /**
     * The switch clock's reading (its 48-bit {@code ingress_global_timestamp}) when it started: BMv2 counts
     * from zero, the soft switch without data-plane packets from the wall clock. A clock offset of minus
     * this starts the switch's {@code now} near zero.
     */
    long clockOriginMicros();

    /** What the switch printed, for failure messages. */
    String logTail();

    @Override
    default void close() {
        stop();
    }
}
