package org.intstream.standalone.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.intstream.engine.cql.CqlEngine;
import org.intstream.engine.exec.Engine;
import org.intstream.engine.exec.EngineConfig;
import org.intstream.engine.packet.PointTable;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.query.check.PlanChecker;
import org.intstream.query.cql.CqlQueries;
import org.intstream.query.cql.CqlStatement;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.plan.Schema;
import org.intstream.standalone.run.QueryLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code intstream check}: parses and checks queries, prints their plans and output columns. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check queries without running them: syntax, names and types; print each logical plan "
                + "and its output columns.")
public final class CheckCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "NAME|FILE|TEXT", description = "queries to check")
    List<String> queries = List.of();

    @Option(names = "--cql", paramLabel = "FILE|TEXT",
            description = "CQL statements to check (docs/cql.md): a file or the text")
    String cql;

    @Override
    public Integer call() throws java.io.IOException {
        if (cql != null) {
            if (!queries.isEmpty()) {
                throw new IllegalArgumentException("check either queries or --cql statements, not both");
            }
            return checkCql();
        }
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("name the queries to check (or --cql FILE|TEXT)");
        }
        QueryLoader loader = new QueryLoader();
        for (String q : queries) {
            loader.load(q);
        }
        FunctionRegistry functions = FunctionRegistry.withProviders(CheckCommand.class.getClassLoader());
        Map<String, Schema> known = new java.util.LinkedHashMap<>();
        PlanChecker checker = new PlanChecker(functions, new PlanChecker.StreamCatalog() {
            @Override
            public Schema outputSchema(String name) {
                return known.get(name);
            }

            @Override
            public java.util.Set<String> outputNames() {
                return known.keySet();
            }
        });
        // Installing into an engine (with no input) also runs the engine's own checks: window sizes,
        // sketch shapes, what the per-record stage can run.
        Engine engine = new Engine(functions, EngineConfig.defaults(), new PointTable());
        for (QueryDefinition q : loader.queries()) {
            Map<String, Schema> outputs;
            try {
                outputs = checker.check(q);
                engine.register(q, Map.of());
            } catch (QueryException e) {
                throw e.sourceName() == null && e.position().isKnown() ? e.inSource(loader.source(q.name())) : e;
            }
            known.putAll(outputs);
            if (!loader.requested().contains(q.name())) {
                continue;
            }
            System.out.println("query " + q.name() + ": ok");
            System.out.print(q.plan().toString().replaceAll("(?m)^", "  "));
            for (Map.Entry<String, Schema> e : outputs.entrySet()) {
                System.out.println("  output " + e.getKey() + ": " + e.getValue());
            }
        }
        return 0;
    }

    /** Parses and checks CQL statements, installs them into a CQL engine, and prints each one. */
    private int checkCql() throws java.io.IOException {
        String[] sourceAndText = CqlRun.read(cql);
        FunctionRegistry functions = FunctionRegistry.withProviders(CheckCommand.class.getClassLoader());
        List<CqlStatement> statements;
        try {
            statements = CqlQueries.parse(sourceAndText[1], functions);
            new CqlEngine(functions, new PointTable(), (statement, schema, instant, stream, last, rows) -> { })
                    .register(statements);
        } catch (QueryException e) {
            throw e.sourceName() == null ? e.inSource(sourceAndText[0]) : e;
        }
        for (CqlStatement s : statements) {
            System.out.println("statement " + s.name() + " (" + (s.isStream() ? "stream" : "relation") + "): ok");
            System.out.print(s.plan().toString().replaceAll("(?m)^", "  "));
            System.out.println("  output " + s.schema());
        }
        return 0;
    }
}
