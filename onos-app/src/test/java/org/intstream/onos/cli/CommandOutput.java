package org.intstream.onos.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What a command printed: ONOS's shell commands print to System.out, and errors to System.err. */
public final class CommandOutput {
    public final String out;
    public final String err;

    private CommandOutput(String out, String err) {
        this.out = out;
        this.err = err;
    }

    public interface Body {
        void run() throws Exception;
    }

    public static CommandOutput of(Body command) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            command.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new CommandOutput(o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }
}
