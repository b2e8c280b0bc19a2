package org.intstream.softswitch.runtime;

import java.math.BigInteger;

/**
 * Everything one packet carries through a parser, a pipeline and a deparser: its header vector, its
 * bytes, and the per-packet flags that v1model primitives set for the traffic manager (BMv2 keeps these
 * in packet registers).
 */
public final class PacketContext {
    public static final int NO_CLONE = -1;

    public final Phv phv;
    /** The packet's bytes; {@link #payloadOffset} marks where the parsed headers end. */
    public byte[] data;
    public int length;
    public int payloadOffset;
    /** Bytes as received; what byte counters and byte meters count. */
    public int ingressLength;
    /** Packet clock in microseconds since the Unix epoch. */
    public long tsMicros;
    /** BMv2's packet-length register: the ingress length, adjusted by add_header/remove_header. */
    public int lengthRegister;

    public boolean exit;
    public int cloneSession = NO_CLONE;
    public int cloneFieldList;
    public long truncateLength = Long.MAX_VALUE;
    /** Field list of a requested resubmit or recirculation, 0 for none (p4c numbers field lists from 1). */
    public int resubmitFieldList;
    public int recirculateFieldList;
    public int parserError;

    /** Two words for 128-bit intermediate results; used and read back within one expression node. */
    public final long[] scratch = new long[2];

    /** The arguments of the action being executed. */
    public long[] args = new long[0];
    public BigInteger[] wideArgs = new BigInteger[0];

    public PacketContext(Phv phv) {
        this.phv = phv;
    }
}
