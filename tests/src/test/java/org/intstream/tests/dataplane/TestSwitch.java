package org.intstream.tests.dataplane;

import java.io.IOException;

/** A P4Runtime switch a test starts and stops: real BMv2 where installed, or the soft switch. */
interface TestSwitch extends AutoCloseable {
    void start() throws IOException;

    void stop();

    /** host:port of its P4Runtime server. */
    String target();

    long deviceId();

    /**
     * The switch clock's reading when the switch started, microseconds: BMv2 counts from zero, the soft
     * switch without packets from the wall clock. A clock offset of minus this puts the test at epoch 0.
     */
    long clockOriginMicros();

    /** What the log says last, for failure messages. */
    String logTail();

    @Override
    default void close() {
        stop();
    }
}
