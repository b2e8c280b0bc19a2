package org.intstream.query.cql;

import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.intstream.query.dsl.SyntaxErrorListener;
import org.intstream.query.function.FunctionRegistry;

/**
 * Reads CQL text (docs/cql.md) into statements with logical plans. Syntax errors, unknown names and type
 * errors are {@link org.intstream.query.QueryException}s with line and column.
 */
public final class CqlQueries {
    private CqlQueries() {
    }

    /** Every statement of a CQL text, in order; later statements may read earlier ones by name. */
    public static List<CqlStatement> parse(String text, FunctionRegistry functions) {
        CharStream chars = CharStreams.fromString(text);
        CqlLexer lexer = new CqlLexer(chars);
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        CqlParser parser = new CqlParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(new SyntaxErrorListener("CQL", CqlLexer.IDENT, Set.of()));
        return new CqlPlanBuilder(functions, chars).program(parser.program());
    }
}
