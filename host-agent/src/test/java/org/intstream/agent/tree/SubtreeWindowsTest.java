package org.intstream.agent.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.intstream.agent.stream.PartialRows;
import org.intstream.proto.agent.Install;
import org.intstream.proto.agent.Partial;
import org.intstream.query.type.IpAddress;
import org.junit.jupiter.api.Test;

/** A parent's windows of its subtree: what a member's rows that can't be merged do to the others'. */
class SubtreeWindowsTest {
    private static final Set<String> MEMBERS = Set.of("parent", "a", "b");

    private final List<Partial> up = new ArrayList<>();
    private final List<String> acked = new ArrayList<>();
    private final List<String> logged = new ArrayList<>();
    private final SubtreeWindows windows = new SubtreeWindows("parent", 0, merged -> {
        up.add(merged.build());
        return up.size();
    }, (child, sequence) -> acked.add(child + ":" + sequence), logged::add);

    private static Partial partial(Object[]... rows) {
        Partial.Builder p = Partial.newBuilder().setQuery("tcp_new_conn").setQueryVersion(1).setWindowUs(5_000_000)
                .setWindow(10).setPackets(1);
        return PartialRows.set(p, List.of(rows)).build();
    }

    @Test
    void aMemberWhoseCountIsNoNumberIsRefusedAndTheWindowGoesUpWithoutIt() throws IOException {
        windows.install(Install.newBuilder().setQuery("tcp_new_conn").setQueryVersion(1).setSides("SENDER")
                .setDsl(Files.readString(Path.of("..", "queries", "tcp_new_conn.isq"))).putParameters("threshold", "10")
                .build());
        IpAddress host = IpAddress.tryParse("10.0.0.1");
        windows.accept("parent", partial(new Object[] {host, 3L}), -1, MEMBERS, 0);
        windows.accept("a", partial(new Object[] {host, 8L}), 7, MEMBERS, 0);

        // A count that is no number: the window must still go up with the others' rows, not fail with it.
        assertThat(windows.accept("b", partial(new Object[] {host, "many"}), 9, MEMBERS, 0))
                .isEqualTo(SubtreeWindows.Taken.MALFORMED);
        assertThat(up).as("b is still waited for").isEmpty();
        windows.expire(MEMBERS, 60_000);

        assertThat(up).hasSize(1);
        Partial merged = up.get(0);
        assertThat(PartialRows.of(merged)).singleElement().satisfies(r -> assertThat(r).containsExactly(host, 11L));
        assertThat(merged.getIncomplete()).isTrue();
        assertThat(merged.getCoverage().getExpectedPointsList()).containsExactly("a", "b", "parent");
        assertThat(merged.getCoverage().getCompletePointsList()).containsExactly("a", "parent");
        assertThat(merged.getPackets()).isEqualTo(2);
        assertThat(acked).as("b's partial is refused at once, a's waits for upstream").containsExactly("b:9");
        assertThat(logged).anySatisfy(l -> assertThat(l).contains("b's partial of tcp_new_conn").contains("malformed"));
        windows.upstreamAcknowledged(1);
        assertThat(acked).containsExactly("b:9", "a:7");
        assertThat(windows.count(SubtreeWindows.Taken.MALFORMED)).isEqualTo(1);
    }

    @Test
    void aMemberWhoseValuesAreNotOfTheirColumnsKindIsRefusedOnArrivalWhateverItsName() throws IOException {
        windows.install(Install.newBuilder().setQuery("tcp_new_conn").setQueryVersion(1).setSides("SENDER")
                .setDsl(Files.readString(Path.of("..", "queries", "tcp_new_conn.isq"))).putParameters("threshold", "10")
                .build());
        IpAddress host = IpAddress.tryParse("10.0.0.1");
        // "a" comes first in the window: merged first, its count that is no number must not make b's look wrong.
        assertThat(windows.accept("a", partial(new Object[] {host, "many"}), 9, MEMBERS, 0))
                .isEqualTo(SubtreeWindows.Taken.MALFORMED);
        assertThat(acked).containsExactly("a:9");
        windows.accept("b", partial(new Object[] {host, 8L}), 7, MEMBERS, 0);
        windows.accept("parent", partial(new Object[] {host, 3L}), -1, Set.of("parent", "b"), 0);

        assertThat(up).hasSize(1);
        assertThat(PartialRows.of(up.get(0))).singleElement().satisfies(r -> assertThat(r).containsExactly(host, 11L));
        assertThat(logged).anySatisfy(l -> assertThat(l).contains("a's partial of tcp_new_conn").contains("malformed")
                .contains("row 0: column conns (int) holds a String"));
    }
}
