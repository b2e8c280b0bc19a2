package org.intstream.agent.probe;

import java.net.InetAddress;

/**
 * A bandwidth probe listener on its own, as a process a test starts inside a network namespace (an agent's
 * listener without its capture): {@code ADDRESS PORT}; it runs until its standard input closes.
 */
public final class ProbeListenerProcess {
    private ProbeListenerProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (BandwidthProbeListener listener = new BandwidthProbeListener(InetAddress.getByName(args[0]),
                Integer.parseInt(args[1]), a -> true, ProbeLimits.DEFAULTS, line -> System.err.println(line))) {
            System.out.println("listening on " + listener.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Until the test closes our input.
            }
        }
    }
}
