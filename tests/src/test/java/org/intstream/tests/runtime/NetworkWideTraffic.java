package org.intstream.tests.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.intstream.engine.packet.LinkTypes;
import org.intstream.engine.source.RawFrame;
import org.intstream.query.type.IpAddress;
import org.intstream.softswitch.io.PcapWriter;
import org.intstream.tests.TraceRun;

/**
 * TCP SYNs entering three edge switches over three windows, made for tcp_new_conn's threshold T = 40 with
 * local thresholds of 13. In the first window a destination gets 16 from each edge (48 in all, 16 at each
 * switch), one gets 14 + 14 + 13 (two switches over 13), one gets 45 at a single switch; others stay at or
 * under 40 even summed (13 + 13 + 13, over 13 nowhere; 20 + 10, over 13 at one switch), plus 50 SYN-ACKs that
 * are no new connections. In the second the evenly spread destination gets 12 from each edge (36), the
 * two-switch one 14 + 14 + 13 again and 20 + 10 becomes 20 + 21. All three windows have 1 to 4 SYNs to each of
 * 30 other destinations. Frames carry the times of their window; the truth is kept per window, destination
 * and switch.
 */
final class NetworkWideTraffic {
    static final int SWITCHES = 3;
    static final int EVEN = dst(1);
    static final int TWO_SWITCHES = dst(2);
    static final int ONE_SWITCH = dst(3);
    static final int UNDER_EVERYWHERE = dst(4);
    static final int UNDER_THEN_OVER = dst(5);

    private final long window;
    private final long firstEpoch;
    private final List<List<RawFrame>> frames = new ArrayList<>();
    private final Map<Long, Map<Integer, long[]>> truth = new TreeMap<>();
    private long nextIndex;

    NetworkWideTraffic(long firstEpoch, long windowMicros) {
        this.window = windowMicros;
        this.firstEpoch = firstEpoch;
        for (int i = 0; i < SWITCHES; i++) {
            frames.add(new ArrayList<>());
        }
        long e = firstEpoch;
        syns(e, EVEN, 16, 16, 16);
        syns(e, TWO_SWITCHES, 14, 14, 13);
        syns(e, ONE_SWITCH, 0, 0, 45);
        syns(e, UNDER_EVERYWHERE, 13, 13, 13);
        syns(e, UNDER_THEN_OVER, 0, 20, 10);
        synAcks(e, 0, EVEN, 50);
        scattered(e, 1);
        e++;
        syns(e, EVEN, 12, 12, 12);
        syns(e, TWO_SWITCHES, 14, 14, 13);
        syns(e, UNDER_THEN_OVER, 0, 20, 21);
        scattered(e, 2);
        e++;
        scattered(e, 3);
        for (List<RawFrame> fs : frames) {
            fs.sort(Comparator.comparingLong((RawFrame f) -> f.tsMicros).thenComparingLong(f -> f.index));
        }
    }

    long firstEpoch() {
        return firstEpoch;
    }

    long lastEpoch() {
        return firstEpoch + 2;
    }

    /** Switch {@code sw}'s frames in time order. */
    List<RawFrame> frames(int sw) {
        return frames.get(sw);
    }

    /** Switch {@code sw}'s frames of one epoch. */
    List<RawFrame> frames(int sw, long epoch) {
        List<RawFrame> out = new ArrayList<>();
        for (RawFrame f : frames.get(sw)) {
            if (Math.floorDiv(f.tsMicros, window) == epoch) {
                out.add(f);
            }
        }
        return out;
    }

    /** SYNs per epoch and destination, one count per switch. */
    Map<Long, Map<Integer, long[]>> truth() {
        return truth;
    }

    /** SYNs to a destination in an epoch over all switches. */
    long total(long epoch, int dst) {
        long[] c = truth.getOrDefault(epoch, Map.of()).get(dst);
        return c == null ? 0 : c[0] + c[1] + c[2];
    }

    /** Every frame of every switch, in time order, as one capture. */
    Path writeUnion(Path file) throws IOException {
        List<RawFrame> all = new ArrayList<>();
        frames.forEach(all::addAll);
        all.sort(Comparator.comparingLong((RawFrame f) -> f.tsMicros).thenComparingLong(f -> f.index));
        try (PcapWriter w = new PcapWriter(file)) {
            for (RawFrame f : all) {
                w.write(f.tsMicros, f.data);
            }
        }
        return file;
    }

    /** What the exact engine finds over the union (tcp_new_conn with its window): per window start, destination and count. */
    Map<Long, Map<String, Long>> exact(Path dir) throws IOException {
        Map<Long, Map<String, Long>> exact = new TreeMap<>();
        Path union = writeUnion(dir.resolve("union.pcap"));
        Map<String, Map<String, String>> params = Map.of("tcp_new_conn", Map.of("window", window / 1000 + "ms"));
        for (Object[] row : TraceRun.shipped(union, List.of("tcp_new_conn"), params).rows("tcp_new_conn")) {
            exact.computeIfAbsent((Long) row[0], k -> new TreeMap<>()).put(row[1].toString(), (Long) row[2]);
        }
        return exact;
    }

    /** The destination of a frame this traffic made. */
    static int dstOf(RawFrame f) {
        byte[] b = f.data;
        return ((b[30] & 0xFF) << 24) | ((b[31] & 0xFF) << 16) | ((b[32] & 0xFF) << 8) | (b[33] & 0xFF);
    }

    /** SYNs to {@code dst} from hosts behind each switch, spread over the epoch's middle half. */
    private void syns(long epoch, int dst, int... perSwitch) {
        for (int i = 0; i < SWITCHES; i++) {
            for (int n = 0; n < perSwitch[i]; n++) {
                long ts = epoch * window + window / 4 + (window / 2 / (perSwitch[i] + 1)) * (n + 1) + i;
                add(i, frame(ts, src(i, n), dst, 0x02));
                truth.computeIfAbsent(epoch, k -> new TreeMap<>()).computeIfAbsent(dst, k -> new long[SWITCHES])[i]++;
            }
        }
    }

    /** SYN-ACKs (not new connections) to {@code dst} at one switch. */
    private void synAcks(long epoch, int sw, int dst, int count) {
        for (int n = 0; n < count; n++) {
            add(sw, frame(epoch * window + window / 4 + n * 997, src(sw, n), dst, 0x12));
        }
    }

    /** 1 to 4 SYNs to each of 30 other destinations, from hosts behind two switches. */
    private void scattered(long epoch, int seed) {
        for (int d = 0; d < 30; d++) {
            int[] perSwitch = new int[SWITCHES];
            perSwitch[(d + seed) % SWITCHES] = 1 + (d * 7 + seed) % 3;
            perSwitch[(d + seed + 1) % SWITCHES] = (d + seed) % 2;
            syns(epoch, dst(100 + d), perSwitch);
        }
    }

    private void add(int sw, RawFrame f) {
        f.index = nextIndex++;
        frames.get(sw).add(f);
    }

    private static int dst(int host) {
        return (int) IpAddress.parseV4("10.200.0." + host);
    }

    private static int src(int sw, int n) {
        return (int) IpAddress.parseV4("10." + (sw + 1) + "." + (n / 200) + "." + (1 + n % 200));
    }

    /** Ethernet, IPv4 (no options, checksum set) and a 20-byte TCP header with the flags. */
    private RawFrame frame(long ts, int src, int dst, int flags) {
        byte[] b = new byte[54];
        b[5] = 2;
        b[11] = 1;
        b[12] = 0x08;
        b[14] = 0x45;
        put16(b, 16, 40);
        put16(b, 18, (int) (nextIndex & 0xFFFF));
        b[20] = 0x40;
        b[22] = 64;
        b[23] = 6;
        put32(b, 26, src);
        put32(b, 30, dst);
        int sum = 0;
        for (int i = 14; i < 34; i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        while (sum > 0xFFFF) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        put16(b, 24, ~sum & 0xFFFF);
        put16(b, 34, 20_000 + (int) (nextIndex % 40_000));
        put16(b, 36, 80);
        put32(b, 38, (int) (nextIndex * 7919));
        b[46] = 0x50;
        b[47] = (byte) flags;
        put16(b, 48, 0xFFFF);
        RawFrame f = new RawFrame();
        f.data = b;
        f.capLen = b.length;
        f.wireLen = b.length;
        f.tsMicros = ts;
        f.linkType = LinkTypes.ETHERNET;
        return f;
    }

    private static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    private static void put32(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}
