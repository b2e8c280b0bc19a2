package org.intstream.standalone.cli;

import java.util.concurrent.Callable;
import org.intstream.query.expr.Field;
import org.intstream.query.expr.FieldCatalog;
import org.intstream.query.plan.Column;
import org.intstream.query.plan.ProbeColumns;
import picocli.CommandLine.Command;

/** {@code intstream fields}: the packet fields queries can read, and the columns of a probe's rows. */
@Command(name = "fields", mixinStandardHelpOptions = true,
        description = {"List the packet fields queries can read, with their types. A field a packet lacks is absent.",
            "Then the columns of the rows a probe source gives (docs/dsl.md, \"probe\")."})
public final class FieldsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        for (Field f : FieldCatalog.all()) {
            System.out.printf("%-28s %-10s %s%n", f.name(), f.type(), f.description());
        }
        System.out.printf("%nprobe rows (probe rtt tcp|rtt icmp|bandwidth to ... every ...):%n");
        for (Column c : ProbeColumns.schema().columns()) {
            System.out.printf("%-28s %-10s %s%n", c.name(), c.type(), ProbeColumns.meaning(c.name()));
        }
        return 0;
    }
}
