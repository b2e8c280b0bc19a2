package org.intstream.onos.agent;

/** Names and defaults of the agents' endpoint's component properties (ONOS's component config). */
public final class OsgiPropertyConstants {
    private OsgiPropertyConstants() {
    }

    /** The TCP port agents dial (the standalone controller's default too); 0: any free one. */
    public static final String AGENT_PORT = "agentPort";
    public static final int AGENT_PORT_DEFAULT = 7070;

    /** The address the agents' port binds to. */
    public static final String AGENT_ADDRESS = "agentAddress";
    public static final String AGENT_ADDRESS_DEFAULT = "0.0.0.0";

    /**
     * The PEM certificate chain the agents' port serves TLS with (the server's certificate first), an absolute
     * path; empty, with {@link #AGENT_TLS_KEY}: plain TCP.
     */
    public static final String AGENT_TLS_CERT = "agentTlsCert";
    public static final String AGENT_TLS_CERT_DEFAULT = "";

    /** The certificate's private key, an unencrypted PEM PKCS#8 file (absolute path); empty: plain TCP. */
    public static final String AGENT_TLS_KEY = "agentTlsKey";
    public static final String AGENT_TLS_KEY_DEFAULT = "";

    /** How often the partials taken are acknowledged to the agents, milliseconds. */
    public static final String ACK_INTERVAL_MILLIS = "ackIntervalMillis";
    public static final long ACK_INTERVAL_MILLIS_DEFAULT = 300;
}
