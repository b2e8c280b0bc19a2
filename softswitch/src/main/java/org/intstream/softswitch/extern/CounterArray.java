package org.intstream.softswitch.extern;

/**
 * An indirect counter array. BMv2 keeps packets and bytes for every cell whatever the declared type;
 * bytes count the packet's length as it arrived at ingress.
 */
public final class CounterArray {
    private final String name;
    private final long[] packets;
    private final long[] bytes;

    public CounterArray(String name, int size) {
        this.name = name;
        this.packets = new long[size];
        this.bytes = new long[size];
    }

    public String name() {
        return name;
    }

    public int size() {
        return packets.length;
    }

    /** Counts one packet; an out-of-range index counts nothing (BMv2 logs an error). */
    public void count(long index, int packetBytes) {
        if (index >= 0 && index < packets.length) {
            packets[(int) index]++;
            bytes[(int) index] += packetBytes;
        }
    }

    public long packets(int index) {
        return packets[index];
    }

    public long bytes(int index) {
        return bytes[index];
    }

    public void set(int index, long packetCount, long byteCount) {
        packets[index] = packetCount;
        bytes[index] = byteCount;
    }
}
