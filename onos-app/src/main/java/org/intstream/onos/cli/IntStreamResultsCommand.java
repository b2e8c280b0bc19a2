package org.intstream.onos.cli;

import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.intstream.controller.dataplane.SlotHit;
import org.intstream.onos.IntStreamService;
import org.onlab.packet.Ip4Address;
import org.onosproject.cli.AbstractShellCommand;

/** Shows the keys the switches reported for a query, newest last ({@code -j}: as the REST API's JSON). */
@Service
@Command(scope = "onos", name = "intstream-results",
        description = "Shows the keys the switches reported for an IntStream query")
public class IntStreamResultsCommand extends AbstractShellCommand {
    static final String FMT = "window_start_us=%d, epoch=%d, slot=%d, key=%s";

    @Argument(index = 0, name = "name", description = "Query name", required = true)
    @Completion(QueryNameCompleter.class)
    String name = null;

    @Option(name = "-n", aliases = "--last", description = "Show only the last N keys")
    int last = 0;

    @Override
    protected void doExecute() {
        List<SlotHit> hits;
        try {
            hits = getService(IntStreamService.class).results(name);
        } catch (IllegalArgumentException e) {
            error("%s", e.getMessage());
            return;
        }
        if (last < 0) {
            error("-n takes a positive count, not %d", last);
            return;
        }
        if (last > 0 && last < hits.size()) {
            hits = hits.subList(hits.size() - last, hits.size());
        }
        if (outputJson()) {
            print("%s", codec(SlotHit.class).encode(hits, this));
            return;
        }
        if (hits.isEmpty()) {
            print("no keys reported for %s yet", name);
            return;
        }
        for (SlotHit h : hits) {
            print(FMT, h.windowStartMicros(), h.epoch(), h.slot(), key(h.key()));
        }
    }

    /** The key's fields; fields outside the query's key are zero in a report and left out. */
    static String key(int[] tuple) {
        StringBuilder b = new StringBuilder();
        String[] names = {"src", "dst", "proto", "sport", "dport"};
        for (int i = 0; i < names.length; i++) {
            if (tuple[i] == 0) {
                continue;
            }
            b.append(b.length() == 0 ? "" : " ").append(names[i]).append('=')
                    .append(i < 2 ? Ip4Address.valueOf(tuple[i]).toString() : Integer.toString(tuple[i]));
        }
        return b.length() == 0 ? "(all zero)" : b.toString();
    }
}
