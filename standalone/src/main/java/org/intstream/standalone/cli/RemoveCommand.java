package org.intstream.standalone.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code intstream remove}: stops a query at the controller and its agents. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a query from the controller.")
public final class RemoveCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Mixin
    ServerOption server;

    @Override
    public Integer call() throws IOException {
        server.client().remove(name);
        System.out.println("removed " + name);
        return 0;
    }
}
