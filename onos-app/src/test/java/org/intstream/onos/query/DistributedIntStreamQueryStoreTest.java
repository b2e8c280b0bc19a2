package org.intstream.onos.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.intstream.onos.IntStreamQuery;
import org.intstream.onos.QueryStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onosproject.TestApplicationId;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.store.service.TestStorageService;

class DistributedIntStreamQueryStoreTest {
    private static final IntStreamQuery PORT_SCAN = new IntStreamQuery("port_scan", "query port_scan ...",
            Map.of("threshold", "20"), QueryStatus.ON_SWITCHES, List.of("device:s1", "device:s2"), "merge: note");
    private static final IntStreamQuery TCP_RTT = new IntStreamQuery("tcp_rtt", "query tcp_rtt ...", Map.of(),
            QueryStatus.HOSTS_ONLY, List.of(), "line 5, column 3: no switch");

    private final DistributedIntStreamQueryStore store = new DistributedIntStreamQueryStore();

    @BeforeEach
    void activate() {
        store.storageService = new TestStorageService();
        store.coreService = new CoreServiceAdapter() {
            @Override
            public ApplicationId registerApplication(String name) {
                return new TestApplicationId(name);
            }
        };
        store.activate();
    }

    @Test
    void add() {
        assertThat(store.add(TCP_RTT)).isTrue();
        assertThat(store.add(PORT_SCAN)).isTrue();
        assertThat(store.add(PORT_SCAN.withPlacement(QueryStatus.WAITING_FOR_SWITCHES, List.of())))
                .as("a second query of the same name").isFalse();
        assertThat(store.get("port_scan")).contains(PORT_SCAN);
        assertThat(store.queries()).as("by name").containsExactly(PORT_SCAN, TCP_RTT);
    }

    @Test
    void update() {
        store.add(PORT_SCAN);
        IntStreamQuery moved = PORT_SCAN.withPlacement(QueryStatus.ON_SWITCHES, List.of("device:s3"));
        store.update(moved);
        assertThat(store.get("port_scan")).contains(moved);
        assertThat(store.queries()).containsExactly(moved);
    }

    @Test
    void remove() {
        store.add(PORT_SCAN);
        assertThat(store.remove("port_scan")).contains(PORT_SCAN);
        assertThat(store.remove("port_scan")).isEmpty();
        assertThat(store.get("port_scan")).isEmpty();
        assertThat(store.queries()).isEmpty();
    }

    @Test
    void storedQueriesCrossTheClusterSerializerUnchanged() {
        for (IntStreamQuery q : List.of(PORT_SCAN, TCP_RTT)) {
            byte[] bytes = DistributedIntStreamQueryStore.SERIALIZER.encode(q);
            IntStreamQuery back = DistributedIntStreamQueryStore.SERIALIZER.decode(bytes);
            assertThat(back).isEqualTo(q);
            assertThat(back.parameters()).isEqualTo(q.parameters());
        }
    }
}
