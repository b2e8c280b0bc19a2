package org.intstream.query.dsl;

import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;

/**
 * Reads DSL text into query definitions. Syntax errors, and names or constants that can't be read, are
 * {@link QueryException}s with line and column; type checking is the {@code PlanChecker}'s job.
 */
public final class DslParser {
    /** Operator words that are also valid names (see the grammar's ident rule). */
    private static final Set<Integer> SOFT_KEYWORDS = Set.of(IntStreamDslLexer.QUERY, IntStreamDslLexer.FILTER,
            IntStreamDslLexer.MAP, IntStreamDslLexer.DISTINCT, IntStreamDslLexer.REDUCE, IntStreamDslLexer.WINDOW,
            IntStreamDslLexer.TUMBLING, IntStreamDslLexer.SLIDING, IntStreamDslLexer.EVERY, IntStreamDslLexer.LEFT,
            IntStreamDslLexer.JOIN, IntStreamDslLexer.USING, IntStreamDslLexer.UNION, IntStreamDslLexer.TOPK,
            IntStreamDslLexer.PERCENTILE, IntStreamDslLexer.OF, IntStreamDslLexer.SKETCH, IntStreamDslLexer.TOP,
            IntStreamDslLexer.PER, IntStreamDslLexer.SPLIT, IntStreamDslLexer.SORT, IntStreamDslLexer.ASC,
            IntStreamDslLexer.DESC, IntStreamDslLexer.ISTREAM, IntStreamDslLexer.DSTREAM, IntStreamDslLexer.RSTREAM,
            IntStreamDslLexer.PRESENT, IntStreamDslLexer.PROBE, IntStreamDslLexer.RTT, IntStreamDslLexer.TCP,
            IntStreamDslLexer.ICMP, IntStreamDslLexer.BANDWIDTH, IntStreamDslLexer.TO, IntStreamDslLexer.BYTES,
            IntStreamDslLexer.TIMEOUT);

    private DslParser() {
    }

    /** Every query in a text (a file may hold several). */
    public static List<QueryDefinition> parse(String text) {
        IntStreamDslLexer lexer = new IntStreamDslLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        IntStreamDslParser parser = new IntStreamDslParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(new SyntaxErrorListener("query", IntStreamDslLexer.IDENT, SOFT_KEYWORDS));
        IntStreamDslParser.ProgramContext program = parser.program();
        return new DslPlanBuilder(tokens).program(program);
    }

    /** Exactly one query. */
    public static QueryDefinition parseQuery(String text) {
        List<QueryDefinition> queries = parse(text);
        if (queries.size() != 1) {
            throw new QueryException(null, queries.isEmpty() ? "no query found: a query starts with 'query <name>'"
                    : "expected one query, found " + queries.size());
        }
        return queries.get(0);
    }
}
