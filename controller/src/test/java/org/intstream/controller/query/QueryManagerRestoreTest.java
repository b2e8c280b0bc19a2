package org.intstream.controller.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.intstream.controller.store.QueryRecord;
import org.intstream.controller.store.SimpleQueryStore;
import org.intstream.controller.store.QueryStoreAdapter;
import org.intstream.controller.store.StoreException;
import org.intstream.query.QueryException;
import org.junit.jupiter.api.Test;

/** A manager over a store: what it stores, what a new manager over the same store deploys again. */
class QueryManagerRestoreTest {
    private final SimpleQueryStore store = new SimpleQueryStore();

    private static List<String> listen(QueryManager m) {
        List<String> events = new ArrayList<>();
        m.addListener(new QueryListener() {
            @Override
            public void deployed(DeployedQuery q) {
                events.add("deployed " + q.name() + " v" + q.version());
            }

            @Override
            public void removed(DeployedQuery q) {
                events.add("removed " + q.name());
            }
        });
        return events;
    }

    @Test
    void restore() throws IOException {
        QueryManager first = new QueryManager(store);
        first.submit(QueryManagerTest.shipped("port_scan"), Map.of("threshold", "20"));
        first.submit(QueryManagerTest.shipped("tcp_new_conn"), Map.of());
        first.submit(QueryManagerTest.shipped("ddos"), Map.of(), true);
        first.remove("tcp_new_conn");
        assertThat(store.queries()).extracting(QueryRecord::name).containsExactly("port_scan", "ddos");
        assertThat(store.lastVersion()).isEqualTo(3);

        QueryManager second = new QueryManager(store);
        List<String> events = listen(second);
        assertThat(second.restore()).isEmpty();
        assertThat(events).containsExactly("deployed port_scan v1", "deployed ddos v3");
        assertThat(second.get("port_scan").parameters()).containsEntry("threshold", "20");
        // The submitter's leave for estimates comes back with the query.
        assertThat(second.get("ddos").estimatesAllowedBySubmitter()).isTrue();
        assertThat(second.get("port_scan").estimatesAllowedBySubmitter()).isFalse();
        // Versions continue after the highest ever handed out, even though v3's neighbour v2 was removed.
        assertThat(second.submit(QueryManagerTest.shipped("tcp_new_conn"), Map.of()).version()).isEqualTo(4);
        // A second restore deploys nothing twice.
        assertThat(second.restore()).isEmpty();
        assertThat(events).hasSize(3);
    }

    @Test
    void restoreNamesADefinitionThatNoLongerCompiles() throws IOException {
        store.put(new QueryRecord("broken", 5, "query broken() packets | reduce nonsense()", Map.of()));
        store.put(new QueryRecord("port_scan", 6, QueryManagerTest.shipped("port_scan"), Map.of()));
        QueryManager m = new QueryManager(store);
        List<String> problems = m.restore();
        assertThat(problems).singleElement().asString().startsWith("stored query 'broken' v5 no longer compiles: ");
        assertThat(m.list()).extracting(DeployedQuery::name).containsExactly("port_scan");
        // The broken definition stays stored: a later build may take it again.
        assertThat(store.queries()).extracting(QueryRecord::name).contains("broken");
        assertThat(m.submit(QueryManagerTest.shipped("ddos"), Map.of()).version()).isEqualTo(7);
    }

    @Test
    void submitThatCannotBeStoredIsNotDeployed() throws IOException {
        QueryManager m = new QueryManager(new StoreThatFails());
        List<String> events = listen(m);
        assertThatThrownBy(() -> m.submit(QueryManagerTest.shipped("port_scan"), Map.of()))
                .isInstanceOf(StoreException.class);
        assertThat(m.list()).isEmpty();
        assertThat(events).isEmpty();
        assertThatThrownBy(() -> m.submit("nonsense", Map.of())).isInstanceOf(QueryException.class);
    }

    /** A store whose disk is full. */
    private static final class StoreThatFails extends QueryStoreAdapter {
        @Override
        public void put(QueryRecord query) {
            throw new StoreException("disk full");
        }
    }
}
