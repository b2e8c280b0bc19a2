package org.intstream.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.intstream.engine.exec.EngineDriver.s;

import java.util.List;
import java.util.Map;
import org.intstream.engine.packet.Packet;
import org.intstream.query.QueryException;
import org.junit.jupiter.api.Test;

/** Operators and windows against hand-computed cases. */
class EngineTest {
    private static final int SYN = Packet.SYN;
    private static final int ACK = Packet.ACK;

    @Test
    void tumblingWindowsAreAlignedToTheEpochAndCloseWhenTimePasses() {
        EngineDriver d = new EngineDriver("query q packets | window tumbling 10s | reduce count() as n");
        d.at(s(1_000_005)).icmp("10.0.0.1", "10.0.0.2", 8).send();
        d.at(s(1_000_009.999999)).icmp("10.0.0.1", "10.0.0.2", 8).send();
        assertThat(d.lines("q")).isEmpty();
        d.at(s(1_000_010)).icmp("10.0.0.1", "10.0.0.2", 8).send(); // the first window's end closes it
        assertThat(d.lines("q")).containsExactly(s(1_000_000) + "|2");
        d.at(s(1_000_031)).icmp("10.0.0.1", "10.0.0.2", 8).send(); // skips an empty window
        d.finish();
        assertThat(d.lines("q")).containsExactly(s(1_000_000) + "|2", s(1_000_010) + "|1", s(1_000_030) + "|1");
        assertThat(d.batches("q").get(0).end).isEqualTo(s(1_000_010));
    }

    @Test
    void slidingWindowsCountEachPacketInEveryWindowThatCoversIt() {
        EngineDriver d = new EngineDriver("query q packets | window sliding 10s every 5s | reduce count() as n");
        d.at(s(12)).icmp("10.0.0.1", "10.0.0.2", 8).send(); // windows [5,15) and [10,20)
        d.at(s(16)).icmp("10.0.0.1", "10.0.0.2", 8).send(); // windows [10,20) and [15,25)
        d.finish();
        assertThat(d.lines("q")).containsExactly(s(5) + "|1", s(10) + "|2", s(15) + "|1");
    }

    @Test
    void absentFieldsAreUnknownNotZero() {
        EngineDriver d = new EngineDriver(
                "query eq packets | window tumbling 10s | filter l4.dport == 0 | reduce count() as n",
                "query ne packets | window tumbling 10s | filter not (l4.dport == 80) | reduce count() as n",
                "query missing packets | window tumbling 10s | filter l4.dport is absent | reduce count() as n");
        d.at(s(1)).icmp("10.0.0.1", "10.0.0.2", 8).send();
        d.at(s(2)).tcp("10.0.0.1", 1000, "10.0.0.2", 22, SYN).send();
        d.finish();
        assertThat(d.lines("eq")).containsExactly("0|0");
        assertThat(d.lines("ne")).containsExactly("0|1");
        assertThat(d.lines("missing")).containsExactly("0|1");
    }

    @Test
    void conditionsSharedByQueriesKeepEachQuerysMeaning() {
        EngineDriver d = new EngineDriver(
                "query tcp packets | filter ip.proto == 6 | window tumbling 10s | reduce count() as n",
                "query ssh packets | filter ip.proto == 6 and l4.dport == 22 | window tumbling 10s | reduce count() as n",
                "query not_ssh packets | filter not (l4.dport == 22) and ip.proto == 6 | window tumbling 10s"
                        + " | reduce count() as n",
                "query port22 packets | window tumbling 10s | filter l4.dport == 22 | reduce count() as n",
                "query unknown packets | filter not (l4.dport == 22) | window tumbling 10s | reduce count() as n");
        d.at(s(1)).tcp("10.0.0.1", 1000, "10.0.0.2", 22, SYN).send();
        d.at(s(2)).tcp("10.0.0.1", 1001, "10.0.0.2", 80, SYN).send();
        d.at(s(3)).udp("10.0.0.1", 1002, "10.0.0.2", 22).send();
        d.at(s(4)).icmp("10.0.0.1", "10.0.0.2", 8).send(); // no port: l4.dport == 22 is unknown, not false
        d.finish();
        assertThat(d.lines("tcp")).containsExactly("0|2");
        assertThat(d.lines("ssh")).containsExactly("0|1");
        assertThat(d.lines("not_ssh")).containsExactly("0|1");
        assertThat(d.lines("port22")).containsExactly("0|2");
        assertThat(d.lines("unknown")).containsExactly("0|1");
    }

    @Test
    void distinctThenReduceCountsDistinctTuplesPerKey() {
        EngineDriver d = new EngineDriver("query q packets | window tumbling 10s | map ip.src, l4.dport | distinct"
                + " | reduce count() as ports by ip.src as src");
        for (int port : new int[] {22, 80, 80, 443, 22}) {
            d.at(s(1)).tcp("10.0.0.1", 5000, "10.0.0.9", port, SYN).send();
        }
        d.at(s(2)).tcp("10.0.0.2", 5000, "10.0.0.9", 80, SYN).send();
        d.finish();
        assertThat(d.lines("q")).containsExactly("0|10.0.0.1|3", "0|10.0.0.2|1");
    }

    @Test
    void everyBuiltinAggregate() {
        EngineDriver d = new EngineDriver("query q packets | window tumbling 10s | reduce count() as n,"
                + " countif(len > 100) as big, count_distinct(l4.dport) as ports, sum(len) as bytes, min(len) as lo,"
                + " max(len) as hi, avg(len) as mean, collect(len) as lens, percentile(len, 50) as median,"
                + " any(l4.dport) as first, count(l4.dport) as with_port, sum(len) / count() as per_packet");
        int[] lens = {60, 200, 100, 1500};
        int[] ports = {80, 80, 443, 53};
        for (int i = 0; i < lens.length; i++) {
            d.at(s(1 + i)).tcp("10.0.0.1", 1, "10.0.0.2", ports[i], ACK).len(lens[i]).send();
        }
        d.at(s(5)).icmp("10.0.0.1", "10.0.0.2", 8).len(98).send();
        d.finish();
        assertThat(d.lines("q")).containsExactly("0|5|2|3|1958|60|1500|391.6|[60, 200, 100, 1500, 98]|100|80|4|391.6");
    }

    @Test
    void groupsThatNoRecordChangedAreDroppedOnlyWhenTheFilterAfterTheReduceDropsThem() {
        String reduce = " packets | window tumbling 10s | reduce countif(tcp.flags.syn) as syns,"
                + " max(if(tcp.flags.fin, ts)) as fin by ip.src as src";
        EngineDriver d = new EngineDriver("query positive" + reduce + " | filter syns > 0",
                "query any" + reduce + " | filter syns > -1",
                "query fins" + reduce + " | filter fin is present",
                "query syn_or_fin" + reduce + " | filter syns > 0 or fin is present",
                "query difference packets | window tumbling 10s"
                        + " | reduce countif(tcp.flags.syn) - countif(tcp.flags.fin) as d by ip.src as src | filter d < 1");
        d.at(s(1)).tcp("10.0.0.1", 1000, "10.0.0.9", 80, SYN).send();
        d.at(s(2)).tcp("10.0.0.2", 1001, "10.0.0.9", 80, ACK).send(); // changes nothing anywhere
        d.at(s(3)).tcp("10.0.0.3", 1002, "10.0.0.9", 80, Packet.FIN | ACK).send();
        d.at(s(4)).tcp("10.0.0.1", 1000, "10.0.0.9", 80, ACK).send();
        d.finish();
        assertThat(d.lines("positive")).containsExactly("0|10.0.0.1|1|null");
        // a group of records that changed nothing passes 'syns > -1': it must be there, with its empty values
        assertThat(d.lines("any")).containsExactlyInAnyOrder("0|10.0.0.1|1|null", "0|10.0.0.2|0|null",
                "0|10.0.0.3|0|" + s(3));
        assertThat(d.lines("fins")).containsExactly("0|10.0.0.3|0|" + s(3));
        assertThat(d.lines("syn_or_fin")).containsExactlyInAnyOrder("0|10.0.0.1|1|null", "0|10.0.0.3|0|" + s(3));
        // 0 - 0 < 1: every source, however little it sent
        assertThat(d.lines("difference")).containsExactlyInAnyOrder("0|10.0.0.2|0", "0|10.0.0.3|-1");
    }

    @Test
    void aReduceWithoutKeysYieldsARowForEveryWindowEvenWhenNothingMatched() {
        EngineDriver d = new EngineDriver(
                "query q packets | window tumbling 10s | filter ip.proto == 17 | reduce count() as udp, sum(len) as b");
        d.at(s(1)).tcp("10.0.0.1", 1, "10.0.0.2", 80, SYN).send();
        d.finish();
        assertThat(d.lines("q")).containsExactly("0|0|null");
    }

    @Test
    void topkPercentileAndSortWorkOnEachWindowsRows() {
        EngineDriver d = new EngineDriver(
                "query top packets | window tumbling 10s | reduce sum(len) as b by ip.src as src | topk 2 by b",
                "query pct packets | window tumbling 10s | reduce sum(len) as b by ip.src as src | percentile 50 of b",
                "query sorted packets | window tumbling 10s | reduce sum(len) as b by ip.src as src | sort b desc");
        int[] bytes = {300, 100, 400, 200};
        for (int i = 0; i < bytes.length; i++) {
            d.at(s(1)).icmp("10.0.0." + (i + 1), "10.0.1.1", 8).len(bytes[i]).send();
        }
        d.finish();
        assertThat(d.lines("top")).containsExactly("0|10.0.0.3|400", "0|10.0.0.1|300");
        // rows above the median: more than 2 of 4 rows are smaller
        assertThat(d.lines("pct")).containsExactly("0|10.0.0.3|400");
        assertThat(d.lines("sorted")).containsExactly("0|10.0.0.3|400", "0|10.0.0.1|300", "0|10.0.0.4|200",
                "0|10.0.0.2|100");
    }

    @Test
    void aJoinWithALargerRightSideKeepsEveryMatchInOrder() {
        // the right side has a row per packet (several per key); the left side only the busy hosts
        EngineDriver d = new EngineDriver(
                "query sizes packets | window tumbling 10s | map ip.src as h, len",
                "query busy packets | window tumbling 10s | reduce count() as n by ip.src as h | filter n > 1"
                        + " | left join sizes using (h)",
                "query lonely packets | window tumbling 10s | reduce count() as n by ip.src as h | filter n == 1"
                        + " | join sizes using (h)");
        d.at(s(1)).tcp("10.0.0.1", 1, "10.0.0.9", 80, SYN).len(100).send();
        d.at(s(2)).tcp("10.0.0.2", 2, "10.0.0.9", 80, SYN).len(200).send();
        d.at(s(3)).tcp("10.0.0.1", 1, "10.0.0.9", 80, ACK).len(300).send();
        d.at(s(4)).tcp("10.0.0.3", 3, "10.0.0.9", 80, ACK).len(400).send();
        d.at(s(5)).tcp("10.0.0.1", 1, "10.0.0.9", 80, ACK).len(500).send();
        d.finish();
        assertThat(d.lines("busy")).containsExactly("0|10.0.0.1|3|100", "0|10.0.0.1|3|300", "0|10.0.0.1|3|500");
        assertThat(d.lines("lonely")).containsExactly("0|10.0.0.2|1|200", "0|10.0.0.3|1|400");
    }

    @Test
    void leftJoinAndUnionReadOtherQueriesOfTheSameWindow() {
        EngineDriver d = new EngineDriver(
                "query syns packets | window tumbling 10s | filter tcp.flags.syn | reduce count() as syns by ip.dst as h",
                "query all packets | window tumbling 10s | reduce count() as n by ip.dst as h"
                        + " | left join syns using (h)",
                "query both packets | window tumbling 10s | reduce count() as syns by ip.src as h | union syns");
        d.at(s(1)).tcp("10.0.0.1", 1, "10.0.0.2", 80, SYN).send();
        d.at(s(2)).tcp("10.0.0.2", 80, "10.0.0.1", 1, ACK).send();
        d.at(s(11)).tcp("10.0.0.2", 80, "10.0.0.1", 1, ACK).send();
        d.finish();
        assertThat(d.lines("all")).containsExactly("0|10.0.0.2|1|1", "0|10.0.0.1|1|null", s(10) + "|10.0.0.1|1|null");
        assertThat(d.lines("both")).containsExactly("0|10.0.0.1|1", "0|10.0.0.2|1", "0|10.0.0.2|1",
                s(10) + "|10.0.0.2|1");
    }

    @Test
    void splitBranchesAreSideOutputs() {
        EngineDriver d = new EngineDriver("query q packets | window tumbling 5s | split {"
                + " tcp: filter ip.proto == 6 | reduce count() as n; icmp: filter ip.proto == 1 | reduce count() as n }");
        d.at(s(1)).tcp("10.0.0.1", 1, "10.0.0.2", 80, SYN).send();
        d.at(s(2)).icmp("10.0.0.1", "10.0.0.2", 8).send();
        d.at(s(3)).icmp("10.0.0.1", "10.0.0.2", 8).send();
        d.finish();
        assertThat(d.lines("q.tcp")).containsExactly("0|1");
        assertThat(d.lines("q.icmp")).containsExactly("0|2");
    }

    @Test
    void istreamAndDstreamReportWhatEntersAndLeavesTheRelation() {
        EngineDriver d = new EngineDriver(
                "query ins packets | window tumbling 10s | map ip.src | distinct | istream",
                "query del packets | window tumbling 10s | map ip.src | distinct | dstream");
        d.at(s(1)).icmp("10.0.0.1", "10.0.9.9", 8).send();
        d.at(s(2)).icmp("10.0.0.2", "10.0.9.9", 8).send();
        d.at(s(11)).icmp("10.0.0.2", "10.0.9.9", 8).send();
        d.at(s(12)).icmp("10.0.0.3", "10.0.9.9", 8).send();
        d.finish();
        assertThat(d.lines("ins")).containsExactly("0|10.0.0.1", "0|10.0.0.2", s(10) + "|10.0.0.3");
        assertThat(d.lines("del")).containsExactly(s(10) + "|10.0.0.1");
    }

    @Test
    void aQueryCanWindowAnotherQuerysResults() {
        EngineDriver d = new EngineDriver(
                "query per5 packets | window tumbling 5s | reduce count() as n by ip.src as src",
                "query per20 per5 | window tumbling 20s | reduce sum(n) as n, count() as windows by src");
        for (int t = 0; t < 40; t += 3) {
            d.at(s(t)).icmp("10.0.0.1", "10.0.0.2", 8).send();
        }
        d.finish();
        // packets at 0,3,…,39: 7 in [0,20) over 4 windows of 5 s, 7 in [20,40) over 4 windows
        assertThat(d.lines("per20")).containsExactly("0|10.0.0.1|7|4", s(20) + "|10.0.0.1|7|4");
    }

    @Test
    void anUnwindowedQueryEmitsEachMatchingPacketAtOnce() {
        EngineDriver d = new EngineDriver("query big packets | filter len > 1000 | map ip.src, len");
        d.at(s(1)).icmp("10.0.0.1", "10.0.0.2", 8).len(1500).send();
        assertThat(d.lines("big")).containsExactly(s(1) + "|10.0.0.1|1500");
        d.at(s(2)).icmp("10.0.0.1", "10.0.0.2", 8).len(100).send();
        assertThat(d.lines("big")).hasSize(1);
        assertThat(d.batches("big").get(0).isWindowed()).isFalse();
    }

    @Test
    void ipv6KeysTakeTheBoxedPathAndMixWithIpv4() {
        EngineDriver d = new EngineDriver("query q packets | window tumbling 10s | reduce count() as n by ip.src as src");
        d.at(s(1)).icmp("fd00::1", "fd00::2", 58).send();
        d.at(s(2)).icmp("10.0.0.1", "10.0.0.2", 8).send();
        d.at(s(3)).icmp("fd00::1", "fd00::2", 58).send();
        d.finish();
        assertThat(d.lines("q")).containsExactlyInAnyOrder("0|fd00::1|2", "0|10.0.0.1|1");
    }

    @Test
    void pastTheKeyBoundASingleCountGoesOnInASketchAndIsFlagged() {
        EngineDriver d = new EngineDriver(EngineConfig.defaults().withMaxKeys(4),
                "query q packets | window tumbling 10s | reduce count() as n by ip.src as src");
        for (int i = 1; i <= 10; i++) {
            for (int k = 0; k < i; k++) {
                d.at(s(1)).icmp("10.0.0." + i, "10.0.1.1", 8).send();
            }
        }
        d.finish();
        WindowBatch b = d.batches("q").get(0);
        assertThat(b.approximate).isTrue();
        assertThat(b.notes.get(0)).contains("frequent-items sketch");
        long err = b.errorBounds.get("n");
        // the four first keys are exact; the heavy later ones are estimated within the bound
        assertThat(d.lines("q")).contains("0|10.0.0.1|1", "0|10.0.0.4|4");
        for (Object[] r : b.rows) {
            int i = Integer.parseInt(r[0].toString().substring(7));
            assertThat((Long) r[1]).isBetween((long) i, i + err);
        }
        assertThat(b.rows.stream().map(r -> r[0].toString())).contains("10.0.0.10");
    }

    @Test
    void pastTheKeyBoundDistinctGoesOnWithABloomFilter() {
        EngineDriver d = new EngineDriver(EngineConfig.defaults().withMaxKeys(8),
                "query q packets | window tumbling 10s | map ip.src, l4.dport | distinct | reduce count() as ports");
        for (int port = 1; port <= 100; port++) {
            d.at(s(1)).tcp("10.0.0.1", 1, "10.0.0.2", port, SYN).send();
            d.at(s(1)).tcp("10.0.0.1", 1, "10.0.0.2", port, SYN).send();
        }
        d.finish();
        WindowBatch b = d.batches("q").get(0);
        assertThat(b.approximate).isTrue();
        assertThat((Long) b.rows.get(0)[0]).isBetween(95L, 100L); // a Bloom filter may only under-count
    }

    @Test
    void otherAggregatesPastTheBoundCountWhatTheyLeaveOut() {
        EngineDriver d = new EngineDriver(EngineConfig.defaults().withMaxKeys(2),
                "query q packets | window tumbling 10s | reduce max(len) as m by ip.src as src");
        for (int i = 1; i <= 5; i++) {
            d.at(s(1)).icmp("10.0.0." + i, "10.0.1.1", 8).send();
        }
        d.finish();
        WindowBatch b = d.batches("q").get(0);
        assertThat(b.rows).hasSize(2);
        assertThat(b.approximate).isTrue();
        assertThat(b.notes.get(0)).contains("3 records of further keys were not counted");
    }

    @Test
    void latePacketsAreCountedNotSilentlyAdded() {
        EngineDriver d = new EngineDriver("query q packets | window tumbling 10s | reduce count() as n");
        d.at(s(1)).icmp("10.0.0.1", "10.0.0.2", 8).send();
        d.at(s(15)).icmp("10.0.0.1", "10.0.0.2", 8).send();
        d.at(s(2)).icmp("10.0.0.1", "10.0.0.2", 8).send(); // its window closed at 10 s
        d.finish();
        assertThat(d.lines("q")).containsExactly("0|1", s(10) + "|1");
        assertThat(d.engine.lateRecords()).containsEntry("q", 1L);
    }

    @Test
    void latenessKeepsAWindowOpenForOutOfOrderPackets() {
        EngineDriver d = new EngineDriver(EngineConfig.defaults().withLatenessMicros(s(10)),
                "query q packets | window tumbling 10s | reduce count() as n");
        d.at(s(1)).icmp("10.0.0.1", "10.0.0.2", 8).send();
        d.at(s(15)).icmp("10.0.0.1", "10.0.0.2", 8).send();
        d.at(s(2)).icmp("10.0.0.1", "10.0.0.2", 8).send();
        d.finish();
        assertThat(d.lines("q")).containsExactly("0|2", s(10) + "|1");
    }

    @Test
    void aSketchedReduceReportsEachKeyOnceWhenItsEstimateCrossesTheThreshold() {
        EngineDriver d = new EngineDriver("query hh packets | window tumbling 10s"
                + " | reduce sum(len) as bytes by ip.src as src using countmin(rows = 3, width = 1024),"
                + " bloom(bits = 4096, hashes = 3) | filter bytes > 1000");
        for (int i = 0; i < 30; i++) {
            d.at(s(1)).icmp("10.0.0.1", "10.0.1.1", 8).len(100).send();
            d.at(s(1)).icmp("10.0.0.2", "10.0.1.1", 8).len(10).send();
        }
        d.finish();
        WindowBatch b = d.batches("hh").get(0);
        assertThat(b.rows).hasSize(1);
        assertThat(b.rows.get(0)[0].toString()).isEqualTo("10.0.0.1");
        assertThat((Long) b.rows.get(0)[1]).isBetween(3000L, 3000L + b.errorBounds.get("bytes"));
        assertThat(b.approximate).isTrue();
    }

    @Test
    void aSketchedReduceMustBeFollowedByItsThreshold() {
        assertThatThrownBy(() -> new EngineDriver("query hh packets | window tumbling 10s"
                + " | reduce sum(len) as bytes by ip.src using countmin(rows = 3, width = 1024)"))
                .isInstanceOf(QueryException.class).hasMessageContaining("follow it with '| filter bytes >");
    }

    @Test
    void windowsMustBeValid() {
        assertThatThrownBy(() -> new EngineDriver("query q packets | window sliding 5s every 10s | reduce count()"))
                .hasMessageContaining("slide");
        assertThatThrownBy(() -> new EngineDriver("query q(w = 0s) packets | window tumbling w | reduce count()"))
                .hasMessageContaining("positive duration");
        assertThatThrownBy(() -> new EngineDriver("query q packets | reduce count()"))
                .hasMessageContaining("reduce works per window");
    }

    @Test
    void queriesCanOnlyReadQueriesRegisteredBefore() {
        assertThatThrownBy(() -> new EngineDriver("query q later | filter n > 1"))
                .isInstanceOf(QueryException.class).hasMessageContaining("unknown stream 'later'");
    }

    @Test
    void aSketchListsItsTopKeysWithEstimates() {
        EngineDriver d = new EngineDriver("query sk packets | window tumbling 10s"
                + " | sketch count() as packets by ip.src as src using countmin(rows = 3, width = 256) top 2");
        for (int i = 1; i <= 5; i++) {
            for (int k = 0; k < i * 10; k++) {
                d.at(s(1)).icmp("10.0.0." + i, "10.0.1.1", 8).send();
            }
        }
        d.finish();
        Object[] row = d.batches("sk").get(0).rows.get(0);
        assertThat(row[0]).isEqualTo(150L);
        @SuppressWarnings("unchecked")
        List<String> top = (List<String>) row[5];
        assertThat(top).hasSize(2);
        assertThat(top.get(0)).startsWith("10.0.0.5=");
        assertThat(top.get(1)).startsWith("10.0.0.4=");
    }

    @Test
    void aSketchsTopKeysFollowKeysThatOvertakeLate() {
        // Top 3 fills early with sources 1-3; many light sources follow (never candidates), then source 9 passes
        // them all, and source 1 grows again: the top is 9, 1, 2 with their exact counts (a wide sketch, few keys).
        EngineDriver d = new EngineDriver("query sk packets | window tumbling 10s"
                + " | sketch count() as packets by ip.src as src using countmin(rows = 3, width = 4096) top 3");
        Map<String, Integer> sent = new java.util.LinkedHashMap<>();
        java.util.function.BiConsumer<String, Integer> send = (src, n) -> {
            for (int k = 0; k < n; k++) {
                d.at(s(1)).icmp(src, "10.0.1.1", 8).send();
            }
            sent.merge(src, n, Integer::sum);
        };
        send.accept("10.0.0.1", 30);
        send.accept("10.0.0.2", 20);
        send.accept("10.0.0.3", 10);
        for (int round = 0; round < 5; round++) {
            for (int i = 10; i < 60; i++) {
                send.accept("10.0.2." + i, 1);
            }
        }
        send.accept("10.0.0.9", 45);
        send.accept("10.0.0.1", 5);
        d.finish();
        @SuppressWarnings("unchecked")
        List<String> top = (List<String>) d.batches("sk").get(0).rows.get(0)[5];
        assertThat(top).containsExactly("10.0.0.9=45", "10.0.0.1=35", "10.0.0.2=20");
        assertThat(sent.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(30 + 20 + 10 + 250 + 45 + 5);
    }

    @Test
    void aSketchOfSumsWithNegativeAmountsStillListsItsTopKeys() {
        // Amounts below zero lower a key's estimate: the candidates are then compared on every record.
        EngineDriver d = new EngineDriver("query sk packets | window tumbling 10s"
                + " | sketch sum(len - 100) as v by ip.src as src using countmin(rows = 3, width = 4096) top 1");
        d.at(s(1)).len(1000).icmp("10.0.0.1", "10.0.1.1", 8).send(); // 900: the candidate
        d.at(s(1)).len(600).icmp("10.0.0.2", "10.0.1.1", 8).send(); // 500
        d.at(s(1)).len(60).icmp("10.0.0.1", "10.0.1.1", 8).send(); // 860, under the candidate's 900
        d.at(s(1)).len(470).icmp("10.0.0.2", "10.0.1.1", 8).send(); // 870: now the heaviest
        d.finish();
        @SuppressWarnings("unchecked")
        List<String> top = (List<String>) d.batches("sk").get(0).rows.get(0)[5];
        assertThat(top).containsExactly("10.0.0.2=870");
    }
}
