package org.intstream.agent.capture;

import java.io.IOException;

/**
 * A live capture could not be opened or failed while running. The message names the interface and says
 * what to do; {@link #reason()} lets callers react without parsing it.
 */
public class CaptureException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why the capture failed. */
    public enum Reason {
        /** No interface of that name; the message lists the ones that exist. */
        UNKNOWN_INTERFACE,
        /** The process may not open a packet socket (needs root or CAP_NET_RAW and CAP_NET_ADMIN). */
        PERMISSION_DENIED,
        /** The interface exists but is administratively down. */
        INTERFACE_DOWN,
        /** The BPF filter does not compile; the message quotes it. */
        BAD_FILTER,
        /** The platform rejects a requested setting, such as a capture direction. */
        UNSUPPORTED,
        /** Any other failure of libpcap while opening the interface. */
        OPEN_FAILED,
        /** libpcap reported an error while capturing (for example, the interface went away). */
        CAPTURE_FAILED
    }

    private final String iface;
    private final Reason reason;

    public CaptureException(String iface, Reason reason, String message) {
        super(message);
        this.iface = iface;
        this.reason = reason;
    }

    public CaptureException(String iface, Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.iface = iface;
        this.reason = reason;
    }

    /** The interface the capture was for. */
    public String iface() {
        return iface;
    }

    public Reason reason() {
        return reason;
    }
}
