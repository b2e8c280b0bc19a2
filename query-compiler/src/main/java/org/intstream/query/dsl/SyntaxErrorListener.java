package org.intstream.query.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.ATNConfig;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.intstream.query.QueryException;
import org.intstream.query.SourcePosition;
import org.intstream.query.check.Suggestions;

/**
 * Turns the first syntax error of a query text into a {@link QueryException} that names the line, the column,
 * what was found and what would have fitted there. A misspelt keyword gets a did-you-mean, a stray character
 * or an unclosed string is called so, a token after a complete statement is said to be one, and the many
 * tokens that start or continue an expression are summed up. Shared by the DSL and CQL parsers.
 */
public final class SyntaxErrorListener extends BaseErrorListener {
    /** Longest list of expected tokens spelt out (the DSL has 16 operators). */
    private static final int MAX_LISTED = 16;
    /** Token kinds that, with a name, mean "an expression could start here". */
    private static final List<String> EXPRESSION_STARTS = List.of("'('", "'-'", "not", "true", "false",
            "a prefix (like 10.0.0.0/8)", "an IPv4 address", "a duration (like 10s)", "a number", "an integer",
            "a string", "a name");
    /** Tokens that continue an expression. */
    private static final List<String> INFIX_OPERATORS = List.of("'*'", "'/'", "'//'", "'%'", "'+'", "'-'", "'<<'",
            "'>>'", "'&'", "'^'", "'=='", "'!='", "'<'", "'<='", "'>'", "'>='", "in", "is", "and", "or");

    private final String language;
    private final int nameToken;
    private final Set<Integer> softKeywords;

    /**
     * @param nameToken the token type of plain names
     * @param softKeywords keyword token types that also serve as names (the DSL's operator words): where a
     *     name fits, they are not listed
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
        Vocabulary vocabulary = parser.getVocabulary();
        Token token = (Token) offendingSymbol;
        if (token != null && "ERROR_CHAR".equals(vocabulary.getSymbolicName(token.getType()))
                && ("\"".equals(token.getText()) || "'".equals(token.getText()))) {
            throw new QueryException(position, "string not closed: a string ends with the quote it starts with ("
                    + token.getText() + "), on the same line");
        }
        IntervalSet expected = expectedTokens(parser, e);
        if (expected != null && expected.contains(nameToken)) {
            expected = new IntervalSet(expected);
            for (int soft : softKeywords) {
                expected.remove(soft);
            }
        }
        String expectation = expectedText(expected, vocabulary);
        StringBuilder message = new StringBuilder("unexpected ");
        if (token != null && "ERROR_CHAR".equals(vocabulary.getSymbolicName(token.getType()))) {
            message.append("character ");
        }
        message.append(describe(token));
        String statement = completedStatement(expected, vocabulary);
        if (statement != null) {
            // Only the end or a new statement fits: what came before was complete, and the token can't extend it.
            message.append(" after a complete ").append(statement);
            if (token != null && softKeywords.contains(token.getType()) && hasLiteral(vocabulary, "'|'")) {
                message.append(" (operators are written after '|')");
            }
        }
        String keyword = closestKeyword(token, expected, vocabulary);
        if (keyword != null) {
            message.append(" (did you mean '").append(keyword).append("'?)");
        }
        if (!expectation.isEmpty()) {
            message.append("; expected ").append(expectation);
        }
        if (token != null && "=".equals(token.getText())) {
            message.append(" (to compare, write '==')");
        }
        if (isFractionalDuration(parser, token)) {
            message.append(" (a duration is a whole number and a unit: write 1500ms, not 1.5s)");
        }
        throw new QueryException(position, message.toString());
    }

    /**
     * What fits at the offending token. When the parser could not choose an alternative and gave up a few
     * tokens after the choice began ({@code window 10s}), the tokens expected where the choice started
     * (every operator) would mislead; the configurations still alive just before the offending token say what
     * fits there ({@code tumbling, sliding}).
     */
    private static IntervalSet expectedTokens(Parser parser, RecognitionException e) {
        if (e instanceof NoViableAltException) {
            NoViableAltException nva = (NoViableAltException) e;
            if (nva.getDeadEndConfigs() != null && nva.getStartToken() != nva.getOffendingToken()) {
                IntervalSet alive = new IntervalSet();
                for (ATNConfig c : nva.getDeadEndConfigs()) {
                    alive.addAll(parser.getATN().nextTokens(c.state));
                }
                alive.remove(Token.EPSILON);
                if (!alive.isNil()) {
                    return alive;
                }
            }
        }
        return e != null ? e.getExpectedTokens() : parser.getExpectedTokens();
    }

    /** True for the unit of "1.5s": a number with a fraction read as a float, then a unit touching it. */
    private static boolean isFractionalDuration(Parser parser, Token token) {
        if (token == null || token.getTokenIndex() <= 0 || !token.getText().matches("us|ms|s|m|min|h")) {
            return false;
        }
        TokenStream tokens = parser.getInputStream();
        Token before = tokens.get(token.getTokenIndex() - 1);
        return "FLOAT".equals(parser.getVocabulary().getSymbolicName(before.getType()))
                && before.getStopIndex() + 1 == token.getStartIndex();
    }

    /** The keyword that starts a statement when only it or the end of the text may come next, else null. */
    private static String completedStatement(IntervalSet expected, Vocabulary vocabulary) {
        if (expected == null || !expected.contains(Token.EOF) || expected.size() != 2) {
            return null;
        }
        for (int type : expected.toList()) {
            String name = type == Token.EOF ? null : tokenName(type, vocabulary);
            if (name != null && name.matches("[a-z_]+")) {
                return name;
            }
        }
        return null;
    }

    private static boolean hasLiteral(Vocabulary vocabulary, String literal) {
        for (int t = 1; t <= vocabulary.getMaxTokenType(); t++) {
            if (literal.equals(vocabulary.getLiteralName(t))) {
                return true;
            }
        }
        return false;
    }

    /** For a word where keywords were expected, the closest of those keywords ("fitler" → "filter"), or null. */
    private static String closestKeyword(Token token, IntervalSet expected, Vocabulary vocabulary) {
        if (token == null || expected == null || !token.getText().matches("[A-Za-z_][A-Za-z_0-9]*")) {
            return null;
        }
        List<String> keywords = new ArrayList<>();
        for (int type : expected.toList()) {
            String name = tokenName(type, vocabulary);
            if (name != null && name.matches("[a-z_]+")) {
                keywords.add(name);
            }
        }
        String closest = Suggestions.closest(token.getText(), keywords);
        return closest == null || closest.equalsIgnoreCase(token.getText()) ? null : closest;
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
        if (names.contains("a name") && names.contains("an integer") && names.contains("a string")) {
            names.removeAll(EXPRESSION_STARTS);
            names.add(0, "an expression");
        }
        List<String> operators = new ArrayList<>(names);
        operators.retainAll(INFIX_OPERATORS);
        if (operators.size() >= 4) {
            // Where an expression could go on, its operators would bury the one word that fits (every, by, as).
            names.removeAll(INFIX_OPERATORS);
            names.add("an operator continuing the expression (" + String.join(", ", operators.subList(0, 3))
                    + ", …)");
        }
        if (names.size() > MAX_LISTED) {
            List<String> head = new ArrayList<>(names.subList(0, MAX_LISTED));
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
