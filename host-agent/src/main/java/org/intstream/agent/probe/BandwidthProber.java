package org.intstream.agent.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.intstream.engine.probe.ProbeResult;
import org.intstream.engine.probe.ProbeTask;
import org.intstream.engine.probe.Prober;
import org.intstream.query.type.IpAddress;

/**
 * Bandwidth to another agent through its probe listener ({@link BandwidthProbe}): the query's {@code bytes}
 * bound the transfer, its timeout bounds the sending time, and the receiver's timing gives the rate. One
 * transfer at a time from this host, so two probes don't halve each other's path.
 */
public final class BandwidthProber implements Prober {
    private final Object oneAtATime = new Object();

    @Override
    public ProbeResult probe(ProbeTask task) {
        InetAddress address;
        try {
            address = InetAddress.getByName(task.host());
        } catch (UnknownHostException e) {
            return ProbeResult.lost(null, "unknown host '" + task.host() + "'");
        }
        IpAddress target = IpAddress.parse(address.getHostAddress().split("%")[0]);
        long maxMillis = Math.max(10, task.timeoutMicros() / 1000);
        BandwidthProbe probe = new BandwidthProbe(task.port(), new ProbeLimits(task.bytes(), maxMillis));
        try {
            BandwidthMeasurement m;
            synchronized (oneAtATime) {
                m = probe.measure(wildcard(address), address);
            }
            if (m.nanos() <= 0) {
                return ProbeResult.lost(target, "the receiver timed no data");
            }
            return ProbeResult.bandwidth(target, Math.round(m.bytes() * 8e9 / m.nanos()), m.bytes());
        } catch (ProbeException e) {
            return ProbeResult.lost(target, e.getMessage());
        }
    }

    private static InetAddress wildcard(InetAddress like) {
        try {
            return InetAddress.getByName(like.getAddress().length == 4 ? "0.0.0.0" : "::");
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the wildcard address is always known", e);
        }
    }
}
