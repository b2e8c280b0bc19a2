package org.intstream.agent.probe;

import java.io.IOException;

/** A bandwidth probe could not be made; the message names the peer and what went wrong. */
public class ProbeException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Whether the probe failed because another one was running on this agent. */
    private final boolean busy;

    public ProbeException(String message, boolean busy) {
        super(message);
        this.busy = busy;
    }

    public ProbeException(String message, Throwable cause) {
        super(message, cause);
        this.busy = false;
    }

    public boolean busy() {
        return busy;
    }
}
