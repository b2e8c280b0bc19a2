package org.intstream.standalone.cli;

import org.intstream.engine.exec.EngineConfig;
import org.intstream.query.type.Durations;
import picocli.CommandLine.Option;

/** Engine settings shared by the commands that run queries. */
public final class EngineOptions {
    @Option(names = "--max-keys", paramLabel = "N",
            description = "keys one operator keeps per window before it degrades (default: ${DEFAULT-VALUE})",
            defaultValue = "1000000")
    int maxKeys;

    @Option(names = "--lateness", paramLabel = "DURATION",
            description = "how far out of time order packets may arrive, e.g. 100ms (default: 0 for queries, 10ms "
                    + "for CQL, whose instants are exact)")
    String lateness;

    /** The defaults, for commands without engine options. */
    EngineConfig configDefaults() {
        return EngineConfig.defaults();
    }

    EngineConfig config() {
        return EngineConfig.defaults().withMaxKeys(maxKeys).withLatenessMicros(latenessMicros(0));
    }

    /** The --lateness given, or {@code otherwise}. */
    long latenessMicros(long otherwise) {
        if (lateness == null) {
            return otherwise;
        }
        Long micros = Durations.parse(lateness);
        if (micros == null) {
            throw new IllegalArgumentException("--lateness wants a duration such as 100ms, not '" + lateness + "'");
        }
        return micros;
    }
}
