package org.intstream.agent.measure;

import org.intstream.engine.packet.IpAddresses;
import org.intstream.engine.packet.Packet;

/**
 * The keys a counter can count by, as the seed's {@code counter_key_type} names them. A key is packed into
 * one long (an IPv4 address is 32 bits, a port 16, so every key fits) and unpacked into the fields of a
 * count-min sketch with the switch's widths (32 per address, 16 per port), so the agent's sketches hash
 * exactly as {@link org.intstream.engine.sketch.SketchHashes} does on the switch.
 *
 * <p>Text forms, as keys appear in answers and in {@code counter_key}: {@code 10.0.0.6} (src, dst),
 * {@code 10.0.0.6,10.0.0.5} (src_dst), {@code 80} (dport), {@code 10.0.0.6,80} (src_dport).
 */
public enum CounterKeyType {
    SRC("src", 32),
    DST("dst", 32),
    SRC_DST("src_dst", 32, 32),
    DPORT("dport", 16),
    SRC_DPORT("src_dport", 32, 16);

    private final String text;
    private final int[] widths;

    CounterKeyType(String text, int... widths) {
        this.text = text;
        this.widths = widths;
    }

    /** The name in messages: src, dst, src_dst, dport or src_dport. */
    public String text() {
        return text;
    }

    /** Bit widths of the key's fields, in hash order. */
    public int[] fieldWidths() {
        return widths.clone();
    }

    /** True when {@code p}, an IPv4 packet, has this key; packets without ports have no port key. */
    public boolean present(Packet p) {
        if (this == DPORT || this == SRC_DPORT) {
            return p.has(Packet.L4_DPORT);
        }
        return true;
    }

    /** The packed key of {@code p}; call only when {@link #present} holds. */
    public long key(Packet p) {
        long src = p.ip4Src & 0xFFFFFFFFL;
        switch (this) {
            case SRC:
                return src;
            case DST:
                return p.ip4Dst & 0xFFFFFFFFL;
            case SRC_DST:
                return (src << 32) | (p.ip4Dst & 0xFFFFFFFFL);
            case DPORT:
                return p.dport & 0xFFFF;
            case SRC_DPORT:
                return (src << 16) | (p.dport & 0xFFFF);
            default:
                throw new AssertionError(this);
        }
    }

    /** Unpacks {@code key} into one value per field, in hash order. */
    public void fields(long key, long[] lo) {
        switch (this) {
            case SRC_DST:
                lo[0] = key >>> 32;
                lo[1] = key & 0xFFFFFFFFL;
                break;
            case SRC_DPORT:
                lo[0] = key >>> 16;
                lo[1] = key & 0xFFFF;
                break;
            default:
                lo[0] = key;
        }
    }

    /** The key's text form. */
    public String format(long key) {
        switch (this) {
            case SRC:
            case DST:
                return IpAddresses.v4ToString((int) key);
            case SRC_DST:
                return IpAddresses.v4ToString((int) (key >>> 32)) + "," + IpAddresses.v4ToString((int) key);
            case DPORT:
                return Long.toString(key);
            case SRC_DPORT:
                return IpAddresses.v4ToString((int) (key >>> 16)) + "," + (key & 0xFFFF);
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Parses a key's text form.
     *
     * @throws IllegalArgumentException saying what was expected, with an example
     */
    public long parse(String value) {
        String[] parts = value.split(",", -1);
        int expected = widths.length;
        if (parts.length != expected) {
            throw new IllegalArgumentException("a " + text + " key is " + example() + ", not '" + value + "'");
        }
        switch (this) {
            case SRC:
            case DST:
                return address(parts[0], value);
            case SRC_DST:
                return (address(parts[0], value) << 32) | address(parts[1], value);
            case DPORT:
                return port(parts[0], value);
            case SRC_DPORT:
                return (address(parts[0], value) << 16) | port(parts[1], value);
            default:
                throw new AssertionError(this);
        }
    }

    private String example() {
        switch (this) {
            case SRC:
            case DST:
                return "an IPv4 address such as 10.0.0.6";
            case SRC_DST:
                return "two IPv4 addresses joined by a comma, such as 10.0.0.6,10.0.0.5";
            case DPORT:
                return "a port number from 0 to 65535, such as 80";
            case SRC_DPORT:
                return "an IPv4 address and a port joined by a comma, such as 10.0.0.6,80";
            default:
                throw new AssertionError(this);
        }
    }

    private long address(String part, String whole) {
        try {
            return IpAddresses.parseV4(part.strip()) & 0xFFFFFFFFL;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a " + text + " key is " + example() + ", not '" + whole + "' ("
                    + e.getMessage() + ")", e);
        }
    }

    private long port(String part, String whole) {
        String digits = part.strip();
        if (!digits.matches("[0-9]{1,5}") || Integer.parseInt(digits) > 65535) {
            throw new IllegalArgumentException("a " + text + " key is " + example() + ", not '" + whole + "'");
        }
        return Integer.parseInt(digits);
    }

    /** The key type named {@code text} (src, dst, src_dst, dport, src_dport; any case), or null. */
    public static CounterKeyType byName(String text) {
        for (CounterKeyType type : values()) {
            if (type.text.equalsIgnoreCase(text)) {
                return type;
            }
        }
        return null;
    }
}
