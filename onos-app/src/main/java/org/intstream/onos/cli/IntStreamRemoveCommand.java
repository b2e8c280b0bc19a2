package org.intstream.onos.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.intstream.onos.IntStreamQuery;
import org.intstream.onos.IntStreamService;
import org.onosproject.cli.AbstractShellCommand;

/** Removes a query from the switches and the store. */
@Service
@Command(scope = "onos", name = "intstream-remove", description = "Removes a submitted IntStream query")
public class IntStreamRemoveCommand extends AbstractShellCommand {
    @Argument(index = 0, name = "name", description = "Query name", required = true)
    @Completion(QueryNameCompleter.class)
    String name = null;

    @Override
    protected void doExecute() {
        IntStreamQuery q;
        try {
            q = getService(IntStreamService.class).remove(name);
        } catch (IllegalArgumentException e) {
            error("%s", e.getMessage());
            return;
        }
        print("removed %s%s", q.name(), q.devices().isEmpty() ? "" : " from " + String.join(", ", q.devices()));
    }
}
