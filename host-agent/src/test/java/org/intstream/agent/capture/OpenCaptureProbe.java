package org.intstream.agent.capture;

import org.intstream.engine.packet.PointTable;

/**
 * Opens a live capture in a child JVM, so a test can run it with fewer privileges than its own, and prints
 * the outcome on one line: {@code OPENED} with the link type, or the failure's reason and message.
 */
public final class OpenCaptureProbe {
    private OpenCaptureProbe() {
    }

    public static void main(String[] args) {
        try (LiveCaptureSource source =
                new LiveCaptureSource(args[0], CaptureOptions.DEFAULTS, new PointTable(), "probe/" + args[0])) {
            System.out.println("OPENED linktype " + source.linkType());
        } catch (CaptureException e) {
            System.out.println(e.reason() + ": " + e.getMessage());
        }
    }
}
