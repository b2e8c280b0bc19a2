package org.intstream.query.cql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private static final Set<Integer> KEYWORDS = keywords();
    /**
     * The keywords that start a clause or a statement: a name one letter away from one of them next to an error
     * is taken for it misspelt. Short or common-looking keywords (Now, Rows, And, Istream) are left out, as names
     * near them (row, end, stream) are likely meant as names.
     */
    static final Set<Integer> CLAUSE_KEYWORDS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            CqlLexer.SELECT, CqlLexer.FROM, CqlLexer.WHERE, CqlLexer.GROUP, CqlLexer.HAVING, CqlLexer.ORDER,
            CqlLexer.UNION)));
    /** What a clause or window keyword found after a complete statement was probably meant as. */
    private static final Map<Integer, String> MISPLACED_HINTS = misplacedHints();

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
        parser.addErrorListener(new SyntaxErrorListener("CQL", CqlLexer.IDENT, Set.of(), KEYWORDS, CLAUSE_KEYWORDS,
                MISPLACED_HINTS));
        return new CqlPlanBuilder(functions, chars).program(parser.program());
    }

    /** CQL's keywords, which are never names: Cql.g4 declares them together, from Select to Rows. */
    private static Set<Integer> keywords() {
        Set<Integer> keywords = new LinkedHashSet<>();
        for (int type = CqlLexer.SELECT; type <= CqlLexer.ROWS; type++) {
            keywords.add(type);
        }
        return Collections.unmodifiableSet(keywords);
    }

    private static Map<Integer, String> misplacedHints() {
        String clauses = "a Select's clauses come once each, in the order From, Where, Group By, Having, Order By";
        String window = "a window is written in brackets after its stream: Packets [Range 1 Minute]";
        Map<Integer, String> hints = new HashMap<>();
        for (int clause : new int[] {CqlLexer.FROM, CqlLexer.WHERE, CqlLexer.GROUP, CqlLexer.HAVING, CqlLexer.ORDER}) {
            hints.put(clause, clauses);
        }
        for (int kind : new int[] {CqlLexer.RANGE, CqlLexer.ROWS, CqlLexer.NOW, CqlLexer.UNBOUNDED, CqlLexer.SLIDE}) {
            hints.put(kind, window);
        }
        return Map.copyOf(hints);
    }

    /** The clause keywords as words ("select", "from"), for spotting a misspelt one. */
    static List<String> clauseKeywordNames() {
        List<String> names = new ArrayList<>();
        for (int type : CLAUSE_KEYWORDS) {
            names.add(CqlLexer.VOCABULARY.getSymbolicName(type).toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
