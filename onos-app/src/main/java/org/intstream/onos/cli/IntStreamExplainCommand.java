package org.intstream.onos.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.intstream.onos.IntStreamQuery;
import org.intstream.onos.IntStreamService;
import org.onosproject.cli.AbstractShellCommand;

/** Shows how a query runs: plan, split, switch stage and entries, devices. */
@Service
@Command(scope = "onos", name = "intstream-explain",
        description = "Shows how an IntStream query runs: its plan, local and global stages, switch stage and "
                + "table entries, and the devices it goes to")
public class IntStreamExplainCommand extends AbstractShellCommand {
    @Argument(index = 0, name = "query", required = true,
            description = "A submitted query's name, a query file on the ONOS host, or quoted query text")
    @Completion(QueryNameCompleter.class)
    String query = null;

    @Option(name = "-p", aliases = "--param", description = "Overrides a query parameter: KEY=VALUE",
            multiValued = true)
    List<String> params = null;

    @Override
    protected void doExecute() {
        IntStreamService service = getService(IntStreamService.class);
        try {
            Map<String, String> overrides = QueryArguments.parameters(params);
            Optional<IntStreamQuery> submitted = service.query(query);
            String text = submitted.map(IntStreamQuery::text).orElseGet(() -> QueryArguments.text(query));
            Map<String, String> parameters = new TreeMap<>(submitted.map(IntStreamQuery::parameters).orElse(Map.of()));
            parameters.putAll(overrides);
            print("%s", service.explain(text, parameters).stripTrailing());
        } catch (IllegalArgumentException e) {
            error("query refused: %s", e.getMessage());
        }
    }
}
