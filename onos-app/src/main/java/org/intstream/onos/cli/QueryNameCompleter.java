package org.intstream.onos.cli;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.intstream.onos.IntStreamQuery;
import org.intstream.onos.IntStreamService;
import org.onosproject.cli.AbstractChoicesCompleter;
import org.onosproject.cli.AbstractShellCommand;

/** Completes the names of submitted queries. */
@Service
public class QueryNameCompleter extends AbstractChoicesCompleter {
    @Override
    protected List<String> choices() {
        return names(getService(IntStreamService.class));
    }

    static List<String> names(IntStreamService service) {
        return service.queries().stream().map(IntStreamQuery::name).collect(Collectors.toList());
    }

    /** The service from ONOS's service directory; tests hand in their own. */
    protected <T> T getService(Class<T> type) {
        return AbstractShellCommand.get(type);
    }
}
