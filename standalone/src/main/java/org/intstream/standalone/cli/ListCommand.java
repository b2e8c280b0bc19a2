package org.intstream.standalone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code intstream list}: the queries the controller runs. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the queries the controller runs.")
public final class ListCommand implements Callable<Integer> {
    @Mixin
    ServerOption server;

    @Override
    public Integer call() throws IOException {
        JsonNode list = server.client().list();
        if (list.isEmpty()) {
            System.out.println("no queries run");
        }
        for (JsonNode q : list) {
            System.out.println(q.path("name").asText() + "  version " + q.path("version").asLong() + "  "
                    + q.path("mode").asText() + "  window " + q.path("window_us").asLong() / 1000 + " ms  params "
                    + q.path("params"));
        }
        return 0;
    }
}
