package org.intstream.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.intstream.query.QueryException;
import org.intstream.standalone.run.Runner;
import picocli.CommandLine;

/** Turns the expected failures (a wrong query, a missing file) into one clear line and an exit code. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        if (e instanceof QueryException) {
            cl.getErr().println("intstream: " + e.getMessage());
            return Runner.BAD_QUERY;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            cl.getErr().println("intstream: " + e.getMessage());
            return Runner.IO_ERROR;
        }
        if (e instanceof IllegalArgumentException) {
            cl.getErr().println("intstream: " + e.getMessage());
            return Runner.BAD_QUERY;
        }
        throw new IllegalStateException(e);
    }
}
