package org.intstream.query.partition;

/**
 * The header fields a switch slot's filter matches (ternary), with their names in {@code intstream.p4}'s
 * slot filter tables and their widths. L4 ports are zero on packets without TCP or UDP, and TCP flags on
 * packets without TCP, so filters on them also pin the protocol.
 */
public enum SwitchField {
    IS_EDGE("is_edge", 1),
    IPV4_SRC("ipv4_src", 32),
    IPV4_DST("ipv4_dst", 32),
    IP_PROTO("ip_proto", 8),
    L4_SPORT("l4_sport", 16),
    L4_DPORT("l4_dport", 16),
    TCP_FLAGS("tcp_flags", 8);

    private final String matchName;
    private final int width;

    SwitchField(String matchName, int width) {
        this.matchName = matchName;
        this.width = width;
    }

    /** The match field's name in the P4Info. */
    public String matchName() {
        return matchName;
    }

    public int width() {
        return width;
    }

    /** All ones over the field's width. */
    public long fullMask() {
        return width == 64 ? -1L : (1L << width) - 1;
    }
}
