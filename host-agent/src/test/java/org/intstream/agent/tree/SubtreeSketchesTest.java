package org.intstream.agent.tree;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.intstream.agent.api.ApiResponse;
import org.intstream.agent.api.MeasurementApi;
import org.intstream.agent.api.MessageHandler;
import org.intstream.agent.measure.CounterKeyType;
import org.intstream.agent.measure.CounterSettings;
import org.intstream.agent.measure.MeasurementException;
import org.intstream.agent.measure.SketchTable;
import org.intstream.agent.probe.BandwidthProbe;
import org.intstream.agent.probe.ProbeLimits;
import org.intstream.agent.stream.AgentStreamer;
import org.intstream.agent.stream.HostAddresses;
import org.intstream.agent.stream.StreamerConfig;
import org.intstream.engine.packet.Packet;
import org.intstream.engine.packet.PacketDecoder;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The seed's global questions asked at the root of an overlay tree in one JVM (a root and two children over
 * gRPC on loopback, each with its own sketch table). Sketches configured at the root reach the children, one
 * that joins later included; a real capture's IPv4 packets are shared among the three hosts (an address is
 * host {@code last byte mod 3}'s; a packet is input at its destination's host and output at its source's), and
 * the root's answers must be those of one agent that saw the union: the same count-min estimates (cells add
 * up), the same real-time amounts, every heavy hitter of the union.
 */
class SubtreeSketchesTest {
    private static final Path TRACE = Path.of("..", "tests", "src", "test", "resources", "traces", "busy-server.pcap");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HOSTS = 3;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> running = new ArrayList<>();
    private final SketchTable[] tables = new SketchTable[HOSTS];
    private final AgentStreamer[] children = new AgentStreamer[HOSTS];
    private SketchTable union;
    private TreeNode root;
    private MessageHandler rootApi;
    private long lastTs;

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    private SketchTable table() {
        return new SketchTable(CounterSettings.DEFAULTS, () -> lastTs);
    }

    private void startRoot() throws IOException {
        root = TreeNode.start(TreeConfig.plain("root", "t", InetAddress.getLoopbackAddress(), 0), log::add);
        running.add(root);
        tables[0] = table();
        rootApi = root.front(tables[0], api(tables[0]));
    }

    private MeasurementApi api(SketchTable t) {
        return new MeasurementApi(t, new BandwidthProbe(8001, ProbeLimits.DEFAULTS), a -> true, log::add);
    }

    private void startChild(int i) throws IOException {
        TreeNode leaf = TreeNode.start(TreeConfig.leaf("c" + i), log::add);
        running.add(leaf);
        tables[i] = table();
        leaf.attach(tables[i]);
        children[i] = AgentStreamer.start(new StreamerConfig("127.0.0.1", root.port(), "c" + i, "t", "h" + i,
                Long.MIN_VALUE, 20, 500), HostAddresses.EVERY, () -> 0, log::add, leaf);
        leaf.attach(children[i]);
        running.add(children[i]);
    }

    private ApiResponse ask(MessageHandler api, String... fields) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            m.put(fields[i], fields[i + 1]);
        }
        return api.handle(m);
    }

    /** Configures, at the root, an INPUT sketch with three counters and an OUTPUT tcp one; returns their ids. */
    private void configure(MessageHandler api) {
        assertThat(ask(api, "type", "config sketch", "interface", "INPUT").body()).isEqualTo("1");
        assertThat(ask(api, "type", "config sketch", "interface", "OUTPUT", "proto", "tcp").body()).isEqualTo("2");
        ask(api, "type", "config sketch counter", "sketch_id", "1", "counter_key_type", "src_dst", "increment", "bytes");
        ask(api, "type", "config sketch counter", "sketch_id", "1", "counter_key_type", "src", "increment", "pkt");
        ask(api, "type", "config sketch counter", "sketch_id", "1", "counter_key_type", "dport", "increment", "pkt");
        ask(api, "type", "config sketch counter", "sketch_id", "2", "counter_key_type", "src_dport", "increment", "pkt");
    }

    private static boolean holdsTheRootsSketches(SketchTable t) {
        try {
            return t.ids().size() == 2 && t.counter(t.ids().get(0), CounterKeyType.DPORT) != null
                    && t.counter(t.ids().get(1), CounterKeyType.SRC_DPORT) != null;
        } catch (MeasurementException e) {
            return false;
        }
    }

    /** Each IPv4 packet as input at its destination's host and output at its source's; all of them to the union. */
    private void replay(boolean[] hostsFed) throws IOException {
        PacketDecoder decoder = new PacketDecoder();
        RawFrame frame = new RawFrame();
        try (TraceReader reader = TraceReaders.open(TRACE)) {
            while (reader.next(frame)) {
                lastTs = Math.max(lastTs, frame.tsMicros);
                for (int dir : new int[] {Packet.DIR_IN, Packet.DIR_OUT}) {
                    Packet p = new Packet();
                    frame.dir = dir;
                    decoder.decode(frame, p);
                    if (!p.isIpv4()) {
                        continue;
                    }
                    int host = Math.floorMod((dir == Packet.DIR_IN ? p.ip4Dst : p.ip4Src) & 0xff, HOSTS);
                    if (hostsFed[host]) {
                        tables[host].offer(p);
                        union.offer(p);
                    }
                }
            }
        }
    }

    private static Map<String, Long> object(ApiResponse r) throws IOException {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return JSON.readValue(r.body(), new TypeReference<LinkedHashMap<String, Long>>() { });
    }

    private void assertRootAnswersAsTheUnion(String coverage) throws IOException {
        MessageHandler central = api(union);
        String[][] counters = {{"1", "src_dst"}, {"1", "src"}, {"1", "dport"}, {"2", "src_dport"}};
        for (String[] c : counters) {
            String[] ask = {"sketch_id", c[0], "counter_key_type", c[1]};
            ApiResponse hh = ask(rootApi, concat(new String[] {"type", "query heavy hitters"}, ask));
            ApiResponse centralHh = ask(central, concat(new String[] {"type", "query heavy hitters"}, ask));
            assertThat(hh.headers()).containsEntry("X-IntStream-Coverage", coverage)
                    .containsEntry("X-IntStream-Total", centralHh.headers().get("X-IntStream-Total"))
                    .containsEntry("X-IntStream-Error-Bound", centralHh.headers().get("X-IntStream-Error-Bound"));
            Map<String, Long> hitters = object(hh);
            assertThat(object(centralHh)).isNotEmpty();
            // Every heavy hitter of the union with its estimate; any other listed key is over the threshold too.
            assertThat(hitters).containsAllEntriesOf(object(centralHh));
            long cut = (long) Math.ceil(0.01 * Long.parseLong(hh.headers().get("X-IntStream-Total")));
            assertThat(hitters.values()).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(cut));

            Map<String, Long> realTime = object(ask(rootApi, concat(new String[] {"type", "query real time counter"}, ask)));
            assertThat(realTime).isNotEmpty()
                    .isEqualTo(object(ask(central, concat(new String[] {"type", "query real time counter"}, ask))));
            assertThat(ask(rootApi, concat(new String[] {"type", "query sketch", "counter_key", "real_time_key_num"}, ask))
                    .body()).isEqualTo(Integer.toString(realTime.size()));
            for (String key : realTime.keySet()) {
                String[] one = concat(new String[] {"type", "query sketch", "counter_key", key}, ask);
                assertThat(ask(rootApi, one).body()).as("estimate of %s", key).isEqualTo(ask(central, one).body());
            }
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void theRootAnswersForItsSubtreeAsOneAgentSeeingTheUnion() throws Exception {
        startRoot();
        startChild(1);
        await("c1 at the root", () -> root.children().size() == 1);
        configure(rootApi);
        startChild(2);
        await("both children hold the root's sketches",
                () -> holdsTheRootsSketches(tables[1]) && holdsTheRootsSketches(tables[2]));
        union = table();
        configure(api(union));
        replay(new boolean[] {true, true, true});
        assertRootAnswersAsTheUnion("3/3");
        assertThat(log).anyMatch(l -> l.contains("configured by the parent (its sketch 2)"));
    }

    @Test
    void aLostChildIsNamedAndTheAnswerHoldsTheOthers() throws Exception {
        startRoot();
        startChild(1);
        startChild(2);
        await("two children", () -> root.children().size() == 2);
        configure(rootApi);
        await("both children hold the root's sketches",
                () -> holdsTheRootsSketches(tables[1]) && holdsTheRootsSketches(tables[2]));
        children[2].close();
        await("c2 gone", () -> root.children().size() == 1);
        union = table();
        configure(api(union));
        replay(new boolean[] {true, true, false});
        assertRootAnswersAsTheUnion("2/3");
        ApiResponse r = ask(rootApi, "type", "query sketch", "sketch_id", "1", "counter_key_type", "src",
                "counter_key", "10.0.0.1");
        assertThat(r.headers()).containsEntry("X-IntStream-Missing", "c2");
    }

    @Test
    void aDeletedSketchGoesFromTheChildrenAndUnknownOnesAre404() throws Exception {
        startRoot();
        startChild(1);
        await("c1", () -> root.children().size() == 1);
        configure(rootApi);
        await("c1 holds the root's sketches", () -> holdsTheRootsSketches(tables[1]));
        assertThat(ask(rootApi, "type", "delete sketch", "sketch_id", "2").body()).isEqualTo("OK");
        await("c1 deleted it", () -> tables[1].ids().size() == 1);
        ApiResponse r = ask(rootApi, "type", "query heavy hitters", "sketch_id", "2", "counter_key_type", "src_dport");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).startsWith("no sketch with id 2");
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
