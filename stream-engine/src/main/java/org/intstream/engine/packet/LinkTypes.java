package org.intstream.engine.packet;

/** The {@code LINKTYPE_*} values (tcpdump.org link-layer header types) that {@link PacketDecoder} reads. */
public final class LinkTypes {
    /** BSD loopback: a 4-byte address family in the capturing host's byte order. */
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    /** Raw IP as some systems number it ({@code DLT_RAW} is 12 on most BSDs, 14 on OpenBSD). */
    public static final int RAW_BSD = 12;
    public static final int RAW_OPENBSD = 14;
    /** Raw IP: the frame starts with an IPv4 or IPv6 header. */
    public static final int RAW = 101;
    /** OpenBSD loopback: like {@link #NULL} but always big-endian. */
    public static final int LOOP = 108;
    /** Linux cooked capture ("any" device), version 1. */
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    /** Linux cooked capture, version 2 (adds the interface index). */
    public static final int LINUX_SLL2 = 276;

    private LinkTypes() {
    }
}
