package org.intstream.agent.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.intstream.engine.probe.ProbeResult;
import org.intstream.engine.probe.ProbeTask;
import org.intstream.engine.probe.Prober;
import org.intstream.query.type.IpAddress;

/**
 * ICMP echo round-trip time through ping(8) (iputils): one echo request, {@code ping -n -c 1 -W TIMEOUT -e ID},
 * and the {@code time=} of its reply. iputils times the echo with the kernel's receive timestamp
 * (SO_TIMESTAMP), so process start-up does not count; it prints three significant digits ("20.3 ms", "0.052
 * ms"), which bounds the precision. Java has no raw sockets, and {@code InetAddress.isReachable} reports no
 * time and falls back to TCP port 7 without privileges.
 *
 * <p>Each echo carries an identifier from a fixed range, so the agent's capture filter can leave its own probes
 * out (as root ping uses a raw socket and sends that identifier; an unprivileged ping socket would get the
 * kernel's). Probes running at once hold different identifiers: ping on a raw socket takes any echo reply
 * with its identifier, so two pings sharing one would take each other's replies.
 */
public final class PingProber implements Prober {
    private static final Pattern TIME = Pattern.compile("time[=<]([0-9]+(?:\\.[0-9]+)?) ms");
    /** How long ping may take beyond its own timeout before it is killed. */
    private static final long GRACE_MILLIS = 2000;

    private final String ping;
    private final java.util.concurrent.BlockingQueue<Integer> identifiers;

    /** @param firstIdentifier the first of {@code count} ICMP echo identifiers the probes use (within 0..65535) */
    public PingProber(String ping, int firstIdentifier, int count) {
        if (firstIdentifier < 0 || count < 1 || firstIdentifier + count > 0x10000) {
            throw new IllegalArgumentException("ICMP identifiers lie in 0..65535, not " + firstIdentifier + " and "
                    + (count - 1) + " more");
        }
        this.ping = ping;
        this.identifiers = new java.util.concurrent.ArrayBlockingQueue<>(count);
        for (int i = 0; i < count; i++) {
            identifiers.add(firstIdentifier + i);
        }
    }

    @Override
    public ProbeResult probe(ProbeTask task) {
        InetAddress address;
        try {
            address = InetAddress.getByName(task.host());
        } catch (UnknownHostException e) {
            return ProbeResult.lost(null, "unknown host '" + task.host() + "'");
        }
        String text = address.getHostAddress().split("%")[0];
        IpAddress target = IpAddress.parse(text);
        int identifier;
        try {
            identifier = identifiers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.lost(target, "interrupted");
        }
        try {
            return ping(target, text, identifier, task);
        } finally {
            identifiers.add(identifier);
        }
    }

    private ProbeResult ping(IpAddress target, String text, int identifier, ProbeTask task) {
        List<String> cmd = new ArrayList<>(List.of(ping, target.isV4() ? "-4" : "-6", "-n", "-c", "1", "-W",
                String.format(Locale.ROOT, "%.3f", task.timeoutMicros() / 1e6), "-e", Integer.toString(identifier),
                text));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return ProbeResult.lost(target, "can't run " + ping + ": " + e.getMessage());
        }
        try {
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(task.timeoutMicros() / 1000 + GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                return ProbeResult.lost(target, "ping did not end");
            }
            return parse(target, p.exitValue(), out);
        } catch (IOException e) {
            return ProbeResult.lost(target, "reading ping: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.lost(target, "interrupted");
        } finally {
            p.destroyForcibly();
        }
    }

    /** The result of one ping run from its exit status and output. */
    static ProbeResult parse(IpAddress target, int exit, String output) {
        Matcher m = TIME.matcher(output);
        if (exit == 0 && m.find()) {
            return ProbeResult.rtt(target, Math.round(Double.parseDouble(m.group(1)) * 1000));
        }
        if (output.contains("Unreachable")) {
            return ProbeResult.lost(target, "unreachable");
        }
        if (exit == 1) {
            return ProbeResult.lost(target, "timeout");
        }
        String last = output.strip();
        int nl = last.lastIndexOf('\n');
        return ProbeResult.lost(target, "ping: " + (nl < 0 ? last : last.substring(nl + 1)).replaceFirst("^ping: ", ""));
    }
}
