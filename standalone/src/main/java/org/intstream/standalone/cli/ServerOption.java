package org.intstream.standalone.cli;

import org.intstream.standalone.server.ControllerClient;
import picocli.CommandLine.Option;

/** The {@code --server} option of the controller's client commands. */
final class ServerOption {
    @Option(names = "--server", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "The controller's REST API (default: ${DEFAULT-VALUE}).")
    String server;

    ControllerClient client() {
        return new ControllerClient(server);
    }
}
