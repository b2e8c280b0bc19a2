package org.intstream.agent.tree;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How an agent serves its children in the overlay tree.
 *
 * @param agentId this agent's id, the member name of its own windows
 * @param token the shared secret children must present (the controller's); empty for none
 * @param address the address the children's port binds to
 * @param port the children's gRPC port (0: any free one; -1: a leaf, which serves no children)
 * @param graceMillis how long a window waits for missing children before it goes up partial
 * @param forgetMillis how long a lost child is still waited for
 * @param apiBudgetMillis how long an API query waits for the children's counters
 * @param tlsCert the PEM certificate chain to serve TLS with, or null for plain TCP
 * @param tlsKey the PEM (PKCS#8) private key of {@code tlsCert}, or null
 */
public record TreeConfig(String agentId, String token, InetAddress address, int port, long graceMillis,
        long forgetMillis, long apiBudgetMillis, Path tlsCert, Path tlsKey) {
    public static final long GRACE_MILLIS_DEFAULT = 2000;
    public static final long FORGET_MILLIS_DEFAULT = 60_000;
    public static final long API_BUDGET_MILLIS_DEFAULT = 2000;

    public TreeConfig {
        Objects.requireNonNull(agentId, "agentId can't be null");
        Objects.requireNonNull(address, "address can't be null");
        token = token == null ? "" : token;
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("--tree-port must be 0 to 65535, got " + port);
        }
        if (graceMillis < 0 || forgetMillis < 0 || apiBudgetMillis < 1) {
            throw new IllegalArgumentException("the tree's grace and forget times can't be negative and the API budget "
                    + "must be at least 1 ms, got " + graceMillis + ", " + forgetMillis + " and " + apiBudgetMillis);
        }
        org.intstream.agent.stream.StreamTls.checkPair(tlsCert, tlsKey);
    }

    /** A child without children of its own: it keeps its parent's sketches and sends its windows up as they are. */
    public static TreeConfig leaf(String agentId) {
        return new TreeConfig(agentId, "", java.net.InetAddress.getLoopbackAddress(), -1, GRACE_MILLIS_DEFAULT,
                FORGET_MILLIS_DEFAULT, API_BUDGET_MILLIS_DEFAULT, null, null);
    }

    public boolean isLeaf() {
        return port == -1;
    }

    /** A plain tree port with the default times. */
    public static TreeConfig plain(String agentId, String token, InetAddress address, int port) {
        return new TreeConfig(agentId, token, address, port, GRACE_MILLIS_DEFAULT, FORGET_MILLIS_DEFAULT,
                API_BUDGET_MILLIS_DEFAULT, null, null);
    }

    public TreeConfig withGraceMillis(long millis) {
        return new TreeConfig(agentId, token, address, port, millis, forgetMillis, apiBudgetMillis, tlsCert, tlsKey);
    }

    public TreeConfig withForgetMillis(long millis) {
        return new TreeConfig(agentId, token, address, port, graceMillis, millis, apiBudgetMillis, tlsCert, tlsKey);
    }

    public TreeConfig withTls(Path cert, Path key) {
        return new TreeConfig(agentId, token, address, port, graceMillis, forgetMillis, apiBudgetMillis, cert, key);
    }
}
