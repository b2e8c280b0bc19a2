package org.intstream.agent.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every counter the API can configure, filled by replaying a committed trace as one host's agent, against
 * the exact amounts tshark and SQLite computed from the same trace (ExpectedCounts): totals exact,
 * count-min estimates never below the exact amount and within the sketch's bound above it, heavy hitters
 * complete.
 */
class CounterOracleTest {
    private static final Protocol[] PROTOCOLS = {null, Protocol.TCP, Protocol.UDP, Protocol.ICMP};

    private record Setup(FilterChain chain, Protocol proto, Increment increment, int sketchId) {
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
        "skewed-load.pcap, 10.77.61.1, skewed-load.counts.csv",
        "nmap-syn-fast.pcap, 10.77.11.1, nmap-syn-fast.counts.csv",
        "mixed-v4v6.pcap, 10.77.81.1, mixed-v4v6.counts.csv",
        "hping-flood-spoofed.pcap, 10.77.23.1, hping-flood-spoofed.counts.csv",
    })
    void countersMatchTheExactCounts(String trace, String host, String expectedFile) throws Exception {
        ExpectedCounts expected = ExpectedCounts.read(expectedFile);
        SketchTable table = new SketchTable(CounterSettings.DEFAULTS, () -> 0L);
        List<Setup> setups = new ArrayList<>();
        for (FilterChain chain : FilterChain.values()) {
            for (Protocol proto : PROTOCOLS) {
                for (Increment increment : Increment.values()) {
                    int id = table.addSketch(new SketchFilter(chain, proto));
                    for (CounterKeyType keyType : CounterKeyType.values()) {
                        assertThat(table.addCounter(id, keyType, increment)).isTrue();
                    }
                    setups.add(new Setup(chain, proto, increment, id));
                }
            }
        }
        HostReplay.replay(trace, host, table::offer);

        int compared = 0;
        for (Setup s : setups) {
            for (CounterKeyType keyType : CounterKeyType.values()) {
                Map<String, Long> exact = expected.of(s.chain(), s.proto(), keyType, s.increment());
                MeasurementCounter counter = table.counter(s.sketchId(), keyType);
                String what = trace + " " + s.chain() + " " + (s.proto() == null ? "any" : s.proto().text()) + " "
                        + keyType.text() + " by " + s.increment().text();
                long exactTotal = exact.values().stream().mapToLong(Long::longValue).sum();
                assertThat(counter.total()).as(what + ": total").isEqualTo(exactTotal);
                for (Map.Entry<String, Long> e : exact.entrySet()) {
                    long estimate = counter.estimate(keyType.parse(e.getKey()));
                    assertThat(estimate).as(what + ": estimate of " + e.getKey())
                            .isBetween(e.getValue(), e.getValue() + counter.errorBound());
                    compared++;
                }
                checkHeavyHitters(what, counter, exact, exactTotal, 0.01);
                checkHeavyHitters(what, counter, exact, exactTotal, 0.1);
            }
        }
        assertThat(compared).as("keys compared").isGreaterThan(50);
    }

    private static void checkHeavyHitters(String what, MeasurementCounter counter, Map<String, Long> exact,
            long total, double fraction) {
        HeavyHitterReport report = counter.heavyHitters(fraction);
        assertThat(report.total()).isEqualTo(total);
        for (Map.Entry<String, Long> e : exact.entrySet()) {
            if (e.getValue() >= fraction * total) {
                assertThat(report.hitters()).as(what + ": heavy hitter at " + fraction).containsKey(e.getKey());
            }
        }
        for (Map.Entry<String, Long> hit : report.hitters().entrySet()) {
            assertThat(hit.getValue()).as(what + ": listed " + hit.getKey()).isGreaterThanOrEqualTo(
                    (long) Math.ceil(fraction * total));
            assertThat(exact).as(what + ": listed key seen in the trace").containsKey(hit.getKey());
            assertThat(hit.getValue()).isGreaterThanOrEqualTo(exact.get(hit.getKey()));
        }
        List<Long> values = new ArrayList<>(report.hitters().values());
        for (int i = 1; i < values.size(); i++) {
            assertThat(values.get(i)).as(what + ": largest first").isLessThanOrEqualTo(values.get(i - 1));
        }
    }

    /** A skewed trace has few heavy hitters at 5%: exactly the keys whose exact count reaches it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"skewed-load.pcap, 10.77.61.1, skewed-load.counts.csv"})
    void heavyHittersOfASkewedLoadAreTheBigSources(String trace, String host, String expectedFile) throws Exception {
        ExpectedCounts expected = ExpectedCounts.read(expectedFile);
        SketchTable table = new SketchTable(CounterSettings.DEFAULTS, () -> 0L);
        int id = table.addSketch(new SketchFilter(FilterChain.INPUT, Protocol.TCP));
        table.addCounter(id, CounterKeyType.SRC, Increment.PKT);
        HostReplay.replay(trace, host, table::offer);

        Map<String, Long> exact = expected.of(FilterChain.INPUT, Protocol.TCP, CounterKeyType.SRC, Increment.PKT);
        long total = exact.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> big = new LinkedHashMap<>();
        exact.forEach((key, value) -> {
            if (value >= 0.05 * total) {
                big.put(key, value);
            }
        });
        assertThat(big).hasSizeBetween(2, 5);
        assertThat(table.counter(id, CounterKeyType.SRC).heavyHitters(0.05).hitters()).isEqualTo(sortedByValue(big));
    }

    private static Map<String, Long> sortedByValue(Map<String, Long> map) {
        Map<String, Long> out = new LinkedHashMap<>();
        map.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

}
