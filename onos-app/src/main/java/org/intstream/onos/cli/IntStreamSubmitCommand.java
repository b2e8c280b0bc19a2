package org.intstream.onos.cli;

import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.intstream.onos.IntStreamQuery;
import org.intstream.onos.IntStreamService;
import org.intstream.query.switchgen.SwitchResourceException;
import org.onosproject.cli.AbstractShellCommand;

/** Submits a query: checks it, places its switch stage on the devices running IntStream's pipeconf. */
@Service
@Command(scope = "onos", name = "intstream-submit",
        description = "Submits an IntStream query (a file on the ONOS host, or the quoted query text)")
public class IntStreamSubmitCommand extends AbstractShellCommand {
    static final String FMT = "submitted %s: %s";

    @Argument(index = 0, name = "query", description = "Query file or quoted query text", required = true)
    String query = null;

    @Option(name = "-p", aliases = "--param", description = "Overrides a query parameter: KEY=VALUE",
            multiValued = true)
    List<String> params = null;

    @Option(name = "-e", aliases = "--allow-estimates", description = "Lets switches' count-min estimates stand in "
            + "for this exact query (without it an exact query runs at the agents only)")
    boolean allowEstimates = false;

    @Override
    protected void doExecute() {
        IntStreamService service = getService(IntStreamService.class);
        IntStreamQuery q;
        try {
            q = service.submit(QueryArguments.text(query), QueryArguments.parameters(params), allowEstimates);
        } catch (IllegalArgumentException | SwitchResourceException e) {
            error("query refused: %s", e.getMessage());
            return;
        }
        print(FMT, q.name(), QueryText.placement(q));
    }
}
