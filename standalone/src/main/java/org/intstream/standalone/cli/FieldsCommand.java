package org.intstream.standalone.cli;

import java.util.concurrent.Callable;
import org.intstream.query.expr.Field;
import org.intstream.query.expr.FieldCatalog;
import picocli.CommandLine.Command;

/** {@code intstream fields}: the packet fields queries can read. */
@Command(name = "fields", mixinStandardHelpOptions = true,
        description = "List the packet fields queries can read, with their types. A field a packet lacks is absent.")
public final class FieldsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        for (Field f : FieldCatalog.all()) {
            System.out.printf("%-28s %-10s %s%n", f.name(), f.type(), f.description());
        }
        return 0;
    }
}
