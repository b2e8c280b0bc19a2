package org.intstream.standalone;

import org.intstream.agent.AgentCommand;
import org.intstream.standalone.cli.CheckCommand;
import org.intstream.standalone.cli.ControllerCommand;
import org.intstream.standalone.cli.DemoCommand;
import org.intstream.standalone.cli.ExplainCommand;
import org.intstream.standalone.cli.FieldsCommand;
import org.intstream.standalone.cli.ListCommand;
import org.intstream.standalone.cli.QueriesCommand;
import org.intstream.standalone.cli.RemoveCommand;
import org.intstream.standalone.cli.ResultsCommand;
import org.intstream.standalone.cli.SoftswitchCommand;
import org.intstream.standalone.cli.RunCommand;
import org.intstream.standalone.cli.SubmitCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code intstream} command: one entry point, a subcommand per job. */
@Command(name = "intstream", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Intent-driven streaming network telemetry: write what to measure, IntStream runs it.",
        subcommands = {DemoCommand.class, RunCommand.class, QueriesCommand.class, CheckCommand.class,
            FieldsCommand.class, ExplainCommand.class, AgentCommand.class, SoftswitchCommand.class, ControllerCommand.class,
            SubmitCommand.class, ListCommand.class, RemoveCommand.class, ResultsCommand.class,
            CommandLine.HelpCommand.class})
public final class IntStreamCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command (intstream help lists them)");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with IntStream's error handling (clear one-line messages for bad queries). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new IntStreamCommand());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl;
    }
}
