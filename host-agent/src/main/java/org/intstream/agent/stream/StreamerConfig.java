package org.intstream.agent.stream;

import java.util.Objects;

/**
 * How an {@link AgentStreamer} reaches the controller and names itself.
 *
 * @param host the controller's address or name
 * @param port the controller's agent port
 * @param agentId stable across restarts: the controller takes each of this agent's windows once
 * @param token the controller's shared secret, empty for none
 * @param point where the agent observes packets (host/interface, or a trace's name)
 * @param observedFrom the instant from which the agent sees all its packets, microseconds since the epoch;
 *     windows starting earlier are reported incomplete. Long.MIN_VALUE when a trace is replayed from its start
 * @param minBackoffMillis the first wait before reconnecting
 * @param maxBackoffMillis the longest wait between reconnection attempts
 * @param tlsCa the PEM certificate(s) of the CA to trust when the stream runs over TLS; null for plain TCP
 * @param maxMessageBytes the largest message upstream takes ({@link AgentStreamer#MAX_MESSAGE_BYTES}, what the
 *     controller and tree parents are set to): a larger partial goes without its rows
 */
public record StreamerConfig(String host, int port, String agentId, String token, String point, long observedFrom,
        long minBackoffMillis, long maxBackoffMillis, java.nio.file.Path tlsCa, int maxMessageBytes) {

    /** Upstream takes {@link AgentStreamer#MAX_MESSAGE_BYTES}. */
    public StreamerConfig(String host, int port, String agentId, String token, String point, long observedFrom,
            long minBackoffMillis, long maxBackoffMillis, java.nio.file.Path tlsCa) {
        this(host, port, agentId, token, point, observedFrom, minBackoffMillis, maxBackoffMillis, tlsCa,
                AgentStreamer.MAX_MESSAGE_BYTES);
    }

    /** A plain (not TLS) stream. */
    public StreamerConfig(String host, int port, String agentId, String token, String point, long observedFrom,
            long minBackoffMillis, long maxBackoffMillis) {
        this(host, port, agentId, token, point, observedFrom, minBackoffMillis, maxBackoffMillis, null);
    }

    public StreamerConfig {
        Objects.requireNonNull(host, "host can't be null");
        Objects.requireNonNull(agentId, "agentId can't be null");
        Objects.requireNonNull(point, "point can't be null");
        token = token == null ? "" : token;
        if (host.isBlank()) {
            throw new IllegalArgumentException("the controller's host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the controller's port must be 1 to 65535, got " + port);
        }
        if (agentId.isBlank()) {
            throw new IllegalArgumentException("the agent id is empty");
        }
        if (minBackoffMillis < 1 || maxBackoffMillis < minBackoffMillis) {
            throw new IllegalArgumentException("reconnect backoff must be 1 ms or more and max >= min, got "
                    + minBackoffMillis + " and " + maxBackoffMillis);
        }
        if (maxMessageBytes <= AgentStreamer.MESSAGE_MARGIN_BYTES) {
            throw new IllegalArgumentException("the largest message upstream takes must be more than "
                    + AgentStreamer.MESSAGE_MARGIN_BYTES + " bytes, got " + maxMessageBytes);
        }
    }

    /** Parses HOST:PORT (IPv6 in brackets: [::1]:7000). */
    public static String[] hostAndPort(String text) {
        return hostAndPort(text, "--controller");
    }

    /** Parses HOST:PORT (IPv6 in brackets: [::1]:7000); errors name {@code option}. */
    public static String[] hostAndPort(String text, String option) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException(option + " wants HOST:PORT, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String port = text.substring(colon + 1);
        if (!port.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException(option + ": '" + port + "' is not a port number");
        }
        return new String[] {host, port};
    }

    public StreamerConfig withObservedFrom(long micros) {
        return new StreamerConfig(host, port, agentId, token, point, micros, minBackoffMillis, maxBackoffMillis, tlsCa,
                maxMessageBytes);
    }

    public StreamerConfig withBackoff(long minMillis, long maxMillis) {
        return new StreamerConfig(host, port, agentId, token, point, observedFrom, minMillis, maxMillis, tlsCa,
                maxMessageBytes);
    }

    /** The same stream over TLS, trusting the CA certificate(s) in {@code caFile} (null: plain). */
    public StreamerConfig withTlsCa(java.nio.file.Path caFile) {
        return new StreamerConfig(host, port, agentId, token, point, observedFrom, minBackoffMillis, maxBackoffMillis,
                caFile, maxMessageBytes);
    }

    /** The same stream to an upstream that takes messages of at most {@code bytes}. */
    public StreamerConfig withMaxMessageBytes(int bytes) {
        return new StreamerConfig(host, port, agentId, token, point, observedFrom, minBackoffMillis, maxBackoffMillis,
                tlsCa, bytes);
    }
}
