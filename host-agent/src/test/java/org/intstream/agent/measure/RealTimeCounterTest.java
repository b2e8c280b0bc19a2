package org.intstream.agent.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The real-time counter's window, against a plain scan over every packet kept in a list. */
class RealTimeCounterTest {

    private record Sample(long ts, String key, long amount) {
    }

    /** The window as documented: packets whose slot overlaps (now - window, now]. */
    private static Map<String, Long> bruteForce(List<Sample> samples, long now, long window, long slot) {
        Map<String, Long> amounts = new HashMap<>();
        for (Sample s : samples) {
            long slotEnd = (Math.floorDiv(s.ts(), slot) + 1) * slot;
            if (s.ts() <= now && slotEnd > now - window) {
                amounts.merge(s.key(), s.amount(), Long::sum);
            }
        }
        return amounts;
    }

    @Test
    void windowOverAPortScanMatchesAScanOfEveryPacket() throws Exception {
        long[] clock = {0};
        CounterSettings settings = CounterSettings.DEFAULTS.withRealTimeIntervalMillis(2);
        SketchTable table = new SketchTable(settings, () -> clock[0]);
        int id = table.addSketch(new SketchFilter(FilterChain.INPUT, null));
        table.addCounter(id, CounterKeyType.SRC_DPORT, Increment.BYTES);
        table.addCounter(id, CounterKeyType.DPORT, Increment.PKT);
        MeasurementCounter bySrcPort = table.counter(id, CounterKeyType.SRC_DPORT);
        MeasurementCounter byPort = table.counter(id, CounterKeyType.DPORT);

        List<Sample> bytes = new ArrayList<>();
        List<Sample> packets = new ArrayList<>();
        int[] seen = {0};
        int[] checked = {0};
        HostReplay.replay("nmap-syn-fast.pcap", "10.77.11.1", p -> {
            table.offer(p);
            if (!FilterChain.INPUT.sees(p) || !CounterKeyType.DPORT.present(p)) {
                return;
            }
            bytes.add(new Sample(p.ts, CounterKeyType.SRC_DPORT.format(CounterKeyType.SRC_DPORT.key(p)),
                    Increment.BYTES.amount(p)));
            packets.add(new Sample(p.ts, Long.toString(p.dport), 1));
            if (++seen[0] % 37 == 0) {
                clock[0] = p.ts;
                assertThat(bySrcPort.realTime(p.ts).amounts())
                        .isEqualTo(bruteForce(bytes, p.ts, 2_000, settings.realTimeSlotMicros()));
                Map<String, Long> ports = bruteForce(packets, p.ts, 2_000, settings.realTimeSlotMicros());
                assertThat(byPort.realTimeKeyCount(p.ts)).isEqualTo(ports.size());
                checked[0]++;
            }
        });
        assertThat(checked[0]).isGreaterThan(20);
        // The scan (17 ms of SYNs) outlasts the 2 ms window, so slots did expire along the way.
        assertThat(bruteForce(packets, clock[0], 2_000, settings.realTimeSlotMicros())).hasSizeLessThan(packets.size() / 2);
        // Long after the trace the window is empty.
        long end = bytes.get(bytes.size() - 1).ts();
        assertThat(byPort.realTimeKeyCount(end + 200_000)).isZero();
    }

    @Test
    void slotsExpireLatePacketsAreKeptOrDroppedAndTheKeyLimitIsReported() {
        RealTimeCounter counter = new RealTimeCounter(1_000_000, 10_000, 2);
        counter.add(5_000, 1, 10);
        counter.add(995_000, 2, 20);
        assertThat(counter.amounts(1_000_000)).containsOnly(Map.entry(1L, 10L), Map.entry(2L, 20L));
        // The slot [0, 10 ms) leaves the window once it ends at or before now - 1 s.
        assertThat(counter.distinctKeys(1_009_999)).isEqualTo(2);
        assertThat(counter.amounts(1_010_000)).containsOnly(Map.entry(2L, 20L));
        // A late packet in a slot still in the window counts; one in an expired slot does not.
        counter.add(990_000, 2, 1);
        counter.add(5_000, 1, 10);
        assertThat(counter.amounts(1_010_000)).containsOnly(Map.entry(2L, 21L));
        // A third key beyond the limit of 2 is not counted, and says so.
        counter.add(1_020_000, 3, 1);
        counter.add(1_020_000, 4, 1);
        assertThat(counter.amounts(1_020_000)).containsOnlyKeys(2L, 3L);
        assertThat(counter.untrackedPackets(1_020_000)).isEqualTo(1);
        assertThat(counter.untrackedPackets(2_100_000)).isZero();
        assertThat(counter.distinctKeys(2_100_000)).isZero();
    }
}
