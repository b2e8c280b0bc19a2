package org.intstream.standalone.cli;

import java.util.concurrent.Callable;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.standalone.run.QueryLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code intstream queries [NAME]}: the shipped queries, or one query's text. */
@Command(name = "queries", mixinStandardHelpOptions = true,
        description = "List the shipped queries, or print one of them (its text is a starting point for your own).")
public final class QueriesCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "a shipped query to print")
    String name;

    @Override
    public Integer call() {
        if (name != null) {
            String text = QueryLoader.shippedText(name);
            if (text == null) {
                throw new QueryException(null, "no shipped query '" + name + "'; intstream queries lists them");
            }
            System.out.print(text);
            return 0;
        }
        for (String n : QueryLoader.SHIPPED) {
            QueryDefinition q = QueryLoader.shipped(n);
            String d = q.description().replace('\n', ' ');
            System.out.printf("%-22s %s%n", n, d.length() > 100 ? d.substring(0, 97) + "..." : d);
        }
        return 0;
    }
}
