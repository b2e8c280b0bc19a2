package org.intstream.standalone.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.intstream.controller.store.QueryRecord;
import org.intstream.controller.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileQueryStoreTest {
    @TempDir
    Path dir;

    @Test
    void put() {
        Path state = dir.resolve("nested/state");
        FileQueryStore s = FileQueryStore.open(state);
        s.put(new QueryRecord("a", 1, "query a() ...", Map.of("threshold", "5")));
        s.put(new QueryRecord("b", 2, "query b() ...", Map.of()));
        s.put(new QueryRecord("a", 3, "query a(x) ...", Map.of()));

        FileQueryStore again = FileQueryStore.open(state);
        assertThat(again.queries()).containsExactly(new QueryRecord("b", 2, "query b() ...", Map.of()),
                new QueryRecord("a", 3, "query a(x) ...", Map.of()));
        assertThat(again.lastVersion()).isEqualTo(3);
        assertThat(state.resolve(FileQueryStore.FILE_NAME + ".tmp")).doesNotExist();
    }

    @Test
    void theSubmittersLeaveForEstimatesIsKept() {
        FileQueryStore s = FileQueryStore.open(dir);
        s.put(new QueryRecord("a", 1, "query a() ...", Map.of(), true));
        s.put(new QueryRecord("b", 2, "query b() ...", Map.of()));
        FileQueryStore again = FileQueryStore.open(dir);
        assertThat(again.queries()).extracting(QueryRecord::estimatesAllowed).containsExactly(true, false);
    }

    @Test
    void remove() {
        FileQueryStore s = FileQueryStore.open(dir);
        s.put(new QueryRecord("a", 1, "t", Map.of()));
        s.put(new QueryRecord("b", 2, "t", Map.of()));
        s.remove("b");
        s.remove("never stored");
        FileQueryStore again = FileQueryStore.open(dir);
        assertThat(again.queries()).extracting(QueryRecord::name).containsExactly("a");
        assertThat(again.lastVersion()).as("the removed query's version is not given again").isEqualTo(2);
    }

    @Test
    void openRefusesFilesItDidNotWrite() throws Exception {
        Path f = dir.resolve(FileQueryStore.FILE_NAME);
        Files.writeString(f, "[]");
        assertThatThrownBy(() -> FileQueryStore.open(dir)).isInstanceOf(StoreException.class)
                .hasMessage(f + ": not a query store of format 1 ({\"format\": 1, \"last_version\": N, \"queries\": [...]})");
        Files.writeString(f, "{\"format\": 1, \"last_version\": 1, \"queries\": [{\"name\": \"a\", \"version\": 1}]}");
        assertThatThrownBy(() -> FileQueryStore.open(dir)).hasMessage(f + ": queries[0] needs a name, a version, a "
                + "text, params as an object and, if given, estimates_allowed as true or false");
        Files.writeString(f, "{\"format\": 1, \"last_version\": 1, \"queries\": [{\"name\": \"a\", \"version\": 1, "
                + "\"text\": \"t\", \"params\": {}, \"estimates_allowed\": \"yes\"}]}");
        assertThatThrownBy(() -> FileQueryStore.open(dir)).hasMessageContaining("estimates_allowed as true or false");
        Files.writeString(f, "{\"format\": 1, \"last_version\": 1, \"queries\": ["
                + "{\"name\": \"a\", \"version\": 1, \"text\": \"t\", \"params\": {}},"
                + "{\"name\": \"a\", \"version\": 2, \"text\": \"t\", \"params\": {}}]}");
        assertThatThrownBy(() -> FileQueryStore.open(dir)).hasMessage(f + ": queries[1]: query 'a' is stored twice");
    }

    @Test
    void aFailedWriteKeepsTheStoreAsItWas() throws Exception {
        FileQueryStore s = FileQueryStore.open(dir);
        s.put(new QueryRecord("a", 1, "t", Map.of()));
        // A directory where the temporary file goes makes the write fail.
        Files.createDirectory(dir.resolve(FileQueryStore.FILE_NAME + ".tmp"));
        assertThatThrownBy(() -> s.put(new QueryRecord("b", 2, "t", Map.of()))).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot write " + dir.resolve(FileQueryStore.FILE_NAME));
        assertThat(s.queries()).extracting(QueryRecord::name).containsExactly("a");
        assertThat(s.lastVersion()).isEqualTo(1);
    }
}
