package org.intstream.query.dsl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.RuleContext;
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
 * tokens that start or continue an expression are summed up. Shared by the DSL and CQL parsers; with reserved
 * words and clause keywords (CQL's), a reserved word where a name fits, or after a trailing ',', is called so,
 * and a name one letter away from a clause keyword that made the parse go astray ("Form", "Wher") is reported
 * itself.
 */
public final class SyntaxErrorListener extends BaseErrorListener {
    /** Longest list of expected tokens spelt out (the DSL has 16 operators). */
    private static final int MAX_LISTED = 16;
    /** Token kinds that, with a name, mean "an expression could start here". */
    private static final List<String> EXPRESSION_STARTS = List.of("'('", "'-'", "not", "true", "false",
            "a prefix (like 10.0.0.0/8)", "an IPv4 address", "a duration (like 10s)", "a number", "an integer",
            "a string", "a name", "null", "exists", "a size (like 1MB)");
    /** Tokens that continue an expression ('=', '<>' and "not in" are CQL's). */
    private static final List<String> INFIX_OPERATORS = List.of("'*'", "'/'", "'//'", "'%'", "'+'", "'-'", "'<<'",
            "'>>'", "'&'", "'^'", "'=='", "'!='", "'='", "'<>'", "'<'", "'<='", "'>'", "'>='", "not", "in", "is",
            "and", "or");

    private final String language;
    private final int nameToken;
    private final Set<Integer> softKeywords;
    private final Set<Integer> reservedWords;
    private final Set<Integer> clauseKeywords;
    private final Map<Integer, String> hintsAfterStatement;

    /**
     * @param nameToken the token type of plain names
     * @param softKeywords keyword token types that also serve as names (the DSL's operator words): where a
     *     name fits, they are not listed
     */
    public SyntaxErrorListener(String language, int nameToken, Set<Integer> softKeywords) {
        this(language, nameToken, softKeywords, Set.of(), Set.of(), Map.of());
    }

    /**
     * @param reservedWords keyword token types that can never be names (CQL's From, Where, Range): found where
     *     a name fits, the message says the word is reserved, and found right after a ',' that the list before
     *     it ends too early
     * @param clauseKeywords keyword token types that start a clause or statement (CQL's Select, From, Where):
     *     a name one letter away from one of them, at the start of the grammar's rule named "statement" or just
     *     before an error after a complete statement, is reported as the misspelt keyword
     * @param hintsAfterStatement for keyword token types, what to add when one comes after a complete statement
     *     (a clause out of order, a window without brackets)
     */
    public SyntaxErrorListener(String language, int nameToken, Set<Integer> softKeywords, Set<Integer> reservedWords,
            Set<Integer> clauseKeywords, Map<Integer, String> hintsAfterStatement) {
        this.language = language;
        this.nameToken = nameToken;
        this.softKeywords = softKeywords;
        this.reservedWords = reservedWords;
        this.clauseKeywords = clauseKeywords;
        this.hintsAfterStatement = hintsAfterStatement;
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
        Token misspelt = misspeltKeywordNear(parser, token, expected);
        if (misspelt != null) {
            // The word before the error was taken as a name (an alias, a column, a new statement), so the parser
            // only stumbled later: report the word.
            throw new QueryException(new SourcePosition(misspelt.getLine(), misspelt.getCharPositionInLine() + 1),
                    misspeltKeywordMessage(misspelt.getText(), keywordMisspeltAs(misspelt.getText(),
                    clauseKeywordNames(vocabulary))));
        }
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
        boolean endsStatements = endsStatements(expected, token);
        // Where a new statement may start, a name fits, but the reserved word was not meant as one.
        boolean reservedWord = token != null && reservedWords.contains(token.getType()) && expected != null
                && expected.contains(nameToken) && !endsStatements;
        boolean afterComma = reservedWord && ",".equals(previousText(parser, token));
        if (statement != null) {
            // Only the end or a new statement fits: what came before was complete, and the token can't extend it.
            message.append(" after a complete ").append(statement);
            if (token != null && softKeywords.contains(token.getType()) && hasLiteral(vocabulary, "'|'")) {
                message.append(" (operators are written after '|')");
            }
        } else if (endsStatements) {
            // The end of the text fits, and so does any start of a statement (CQL): name the two, not the many
            // tokens that may start one.
            message.append(" after a complete statement");
            expectation = "the end of the text or another statement";
            String hint = hintsAfterStatement.get(token.getType());
            if (hint != null) {
                expectation += " (" + hint + ")";
            }
        } else if (afterComma) {
            message.append(" after ','");
        }
        // A reserved word is spelt right: it is in the wrong place, not a misspelling of another keyword.
        String keyword = token != null && reservedWords.contains(token.getType()) ? null
                : closestKeyword(token, expected, vocabulary);
        if (keyword != null) {
            message.append(" (did you mean '").append(keyword).append("'?)");
        }
        if (!expectation.isEmpty()) {
            message.append("; expected ").append(expectation);
        }
        if (afterComma) {
            message.append(" (a list does not end with ',')");
        } else if (reservedWord) {
            message.append(" ('").append(token.getText()).append("' is a reserved word and can't be a name)");
        }
        if (token != null && "&|!".contains(token.getText()) && !hasLiteral(vocabulary, "'&'")
                && "ERROR_CHAR".equals(vocabulary.getSymbolicName(token.getType()))) {
            message.append(" (conditions are combined with And, Or and Not)");
        }
        if (token != null && "=".equals(token.getText())) {
            if (hasLiteral(vocabulary, "'=='")) {
                message.append(" (to compare, write '==')");
            } else if ("=".equals(previousText(parser, token))) {
                message.append(" (to compare, write a single '=')");
            }
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

    /** The text of the token before {@code token}, or null at the start. */
    private static String previousText(Parser parser, Token token) {
        Token before = previous(parser, token);
        return before == null ? null : before.getText();
    }

    /** The visible token before {@code token} (comments and spaces skipped), or null at the start. */
    private static Token previous(Parser parser, Token token) {
        TokenStream tokens = parser.getInputStream();
        for (int i = token.getTokenIndex() - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                return t;
            }
        }
        return null;
    }

    /**
     * A name one edit away from a clause keyword ("Form", "Grup") that likely caused the error: one of the two
     * tokens before an error after a complete statement (the name ended the statement), or the first token of
     * the statement the error is in ("Selct * From"). Null if there is none.
     */
    private Token misspeltKeywordNear(Parser parser, Token token, IntervalSet expected) {
        if (clauseKeywords.isEmpty() || token == null) {
            return null;
        }
        List<String> keywords = clauseKeywordNames(parser.getVocabulary());
        List<Token> candidates = new ArrayList<>();
        if (endsStatements(expected, token)) {
            Token before = previous(parser, token);
            candidates.add(before);
            candidates.add(before == null ? null : previous(parser, before));
        }
        for (RuleContext c = parser.getContext(); c != null; c = c.parent) {
            if (c.getRuleIndex() >= 0 && "statement".equals(parser.getRuleNames()[c.getRuleIndex()])) {
                Token start = ((ParserRuleContext) c).getStart();
                Token next = start.getTokenIndex() + 1 < parser.getInputStream().size()
                        ? parser.getInputStream().get(start.getTokenIndex() + 1) : null;
                if (next == null || !":".equals(next.getText())) { // a statement's own name is not misspelt
                    candidates.add(start);
                }
            }
        }
        for (Token t : candidates) {
            if (t != null && t.getType() == nameToken && t != token
                    && keywordMisspeltAs(t.getText(), keywords) != null) {
                return t;
            }
        }
        return null;
    }

    private List<String> clauseKeywordNames(Vocabulary vocabulary) {
        List<String> names = new ArrayList<>();
        for (int type : clauseKeywords) {
            names.add(vocabulary.getSymbolicName(type).toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /**
     * The keyword {@code word} misspells by one letter added, dropped, changed or two swapped ("Wher", "Form"),
     * or null. Words shorter than three letters are left alone: too many names are one edit from a keyword.
     */
    public static String keywordMisspeltAs(String word, Collection<String> keywords) {
        if (word.length() < 3) {
            return null;
        }
        String w = word.toLowerCase(Locale.ROOT);
        for (String k : keywords) {
            if (!w.equals(k) && oneEditApart(w, k.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        return null;
    }

    /** "'Wher' is read as a name, not a keyword (did you mean 'where'?)". */
    public static String misspeltKeywordMessage(String word, String keyword) {
        return "'" + word + "' is read as a name, not a keyword (did you mean '" + keyword + "'?)";
    }

    private static boolean oneEditApart(String a, String b) {
        if (a.length() == b.length()) {
            int first = -1;
            int differences = 0;
            for (int i = 0; i < a.length(); i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    differences++;
                    first = first < 0 ? i : first;
                }
            }
            boolean swap = differences == 2 && first + 1 < a.length() && a.charAt(first) == b.charAt(first + 1)
                    && a.charAt(first + 1) == b.charAt(first);
            return differences == 1 || swap;
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        if (longer.length() != shorter.length() + 1) {
            return false;
        }
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        return shorter.substring(i).equals(longer.substring(i + 1));
    }

    /**
     * True when a token other than the end comes where the end of the text or any of several statement starts
     * fits: the text before it is complete.
     */
    private static boolean endsStatements(IntervalSet expected, Token token) {
        return expected != null && expected.contains(Token.EOF) && expected.size() > 2 && token != null
                && token.getType() != Token.EOF;
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
            case "SIZE": return "a size (like 1MB)";
            case "STRING": return "a string";
            case "IPV4": return "an IPv4 address";
            case "PREFIX4": return "a prefix (like 10.0.0.0/8)";
            default: return symbolic.toLowerCase().replace('_', ' ');
        }
    }
}
