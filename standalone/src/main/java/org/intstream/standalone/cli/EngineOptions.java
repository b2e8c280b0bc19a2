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
            description = "how far out of order packets may arrive, e.g. 100ms (default: ${DEFAULT-VALUE})",
            defaultValue = "0us")
    String lateness;

    /** The defaults, for commands without engine options. */
    EngineConfig configDefaults() {
        return EngineConfig.defaults();
    }

    EngineConfig config() {
        Long micros = Durations.parse(lateness);
        if (micros == null) {
            throw new IllegalArgumentException("--lateness wants a duration such as 100ms, not '" + lateness + "'");
        }
        return EngineConfig.defaults().withMaxKeys(maxKeys).withLatenessMicros(micros);
    }
}
