package org.intstream.query.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.intstream.query.QueryException;
import org.intstream.query.SourcePosition;

/**
 * Turns the first syntax error of a query text into a {@link QueryException} that names the line, the column,
 * what was found and what would have fitted there. Shared by the DSL and CQL parsers.
 */
public final class SyntaxErrorListener extends BaseErrorListener {
    private final String language;
    private final int nameToken;
    private final Set<Integer> softKeywords;

    /**
     * @param nameToken the token type of plain names
     * @param softKeywords keyword token types that also serve as names: where a name fits, they are not listed
     */
    public SyntaxErrorListener(String language, int nameToken, Set<Integer> softKeywords) {
        this.language = language;
        this.nameToken = nameToken;
        this.softKeywords = softKeywords;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column, String msg,
            RecognitionException e) {
        SourcePosition position = new SourcePosition(line, column + 1);
        if (!(recognizer instanceof Parser)) {
            throw new QueryException(position, "unexpected character in " + language + " text: " + msg);
        }
        Parser parser = (Parser) recognizer;
        Token token = (Token) offendingSymbol;
        String found = describe(token);
        IntervalSet expected = e != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        if (expected != null && expected.contains(nameToken)) {
            expected = new IntervalSet(expected);
            for (int soft : softKeywords) {
                expected.remove(soft);
            }
        }
        String expectation = expectedText(expected, parser.getVocabulary());
        throw new QueryException(position, "unexpected " + found
                + (expectation.isEmpty() ? "" : "; expected " + expectation));
    }

    static String describe(Token token) {
        if (token == null) {
            return "input";
        }
        if (token.getType() == Token.EOF) {
            return "end of text";
        }
        return "'" + token.getText() + "'";
    }

    /** "one of: filter, map, window" or "')'"; literal tokens quoted, token kinds named in words. */
    static String expectedText(IntervalSet expected, Vocabulary vocabulary) {
        if (expected == null || expected.isNil()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (int type : expected.toList()) {
            String name = tokenName(type, vocabulary);
            if (name != null && !names.contains(name)) {
                names.add(name);
            }
        }
        if (names.size() > 12) {
            List<String> head = new ArrayList<>(names.subList(0, 12));
            head.add("…");
            names = head;
        }
        return names.size() == 1 ? names.get(0) : "one of: " + String.join(", ", names);
    }

    private static String tokenName(int type, Vocabulary vocabulary) {
        if (type == Token.EOF) {
            return "end of text";
        }
        String literal = vocabulary.getLiteralName(type);
        if (literal != null) {
            return literal;
        }
        String symbolic = vocabulary.getSymbolicName(type);
        if (symbolic == null || "ERROR_CHAR".equals(symbolic)) {
            return null;
        }
        switch (symbolic) {
            case "IDENT": return "a name";
            case "INT": return "an integer";
            case "FLOAT": return "a number";
            case "DURATION": return "a duration (like 10s)";
            case "STRING": return "a string";
            case "IPV4": return "an IPv4 address";
            case "PREFIX4": return "a prefix (like 10.0.0.0/8)";
            default: return symbolic.toLowerCase().replace('_', ' ');
        }
    }
}
