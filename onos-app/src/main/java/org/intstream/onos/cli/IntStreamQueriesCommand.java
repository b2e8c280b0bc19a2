package org.intstream.onos.cli;

import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.intstream.onos.IntStreamQuery;
import org.intstream.onos.IntStreamService;
import org.onosproject.cli.AbstractShellCommand;

/** Lists the submitted queries and where they run ({@code -j}: as the REST API's JSON). */
@Service
@Command(scope = "onos", name = "intstream-queries", description = "Lists the submitted IntStream queries")
public class IntStreamQueriesCommand extends AbstractShellCommand {
    static final String FMT = "name=%s, status=%s, devices=%s, parameters=%s";
    static final String NOTE_FMT = "    %s";

    @Override
    protected void doExecute() {
        List<IntStreamQuery> queries = getService(IntStreamService.class).queries();
        if (outputJson()) {
            print("%s", codec(IntStreamQuery.class).encode(queries, this));
            return;
        }
        if (queries.isEmpty()) {
            print("no queries submitted");
            return;
        }
        for (IntStreamQuery q : queries) {
            print(FMT, q.name(), q.status(), q.devices(), q.parameters());
            print(NOTE_FMT, q.note());
        }
    }
}
