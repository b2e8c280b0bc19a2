package org.intstream.query.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.intstream.query.QueryException;
import org.intstream.query.function.FunctionRegistry;
import org.junit.jupiter.api.Test;

/**
 * Malformed and wrong CQL texts: each error names the line and column where the text goes wrong and says what is
 * wrong there. In each text, '»' marks where the error must point; it is removed before parsing.
 */
class CqlErrorTest {
    private static final String MARK = "»";
    private static final FunctionRegistry FUNCTIONS = FunctionRegistry.withProviders(CqlErrorTest.class
            .getClassLoader());
    private static final String PACKETS_COLUMNS = "[srcIP, destIP, srcPort, destPort, protocol, len, flags, timestamp, "
            + "id, colID]";

    /** Parses the marked text and returns the reason of the error, after checking its position. */
    static String errorAt(String marked) {
        int at = marked.indexOf(MARK);
        assertThat(at).as("the test text marks the error position with " + MARK).isGreaterThanOrEqualTo(0);
        String text = marked.substring(0, at) + marked.substring(at + MARK.length());
        String before = text.substring(0, at);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = at - (before.lastIndexOf('\n') + 1) + 1;
        QueryException e = catchThrowableOfType(QueryException.class, () -> CqlQueries.parse(text, FUNCTIONS));
        assertThat(e).as("an error for:\n" + text).isNotNull();
        assertThat(e.getMessage()).startsWith("line " + line + ", column " + column + ": ");
        assertThat(e.position().line()).isEqualTo(line);
        assertThat(e.position().column()).isEqualTo(column);
        return e.reason();
    }

    // Half-written selects.

    @Test
    void fromWithoutTarget() {
        assertThat(errorAt("Select srcIP From»")).isEqualTo("unexpected end of text; expected one of: '(', a name");
        assertThat(errorAt("Select srcIP From »Where len > 5")).isEqualTo("unexpected 'Where'; expected one of: '(', "
                + "a name ('Where' is a reserved word and can't be a name)");
    }

    @Test
    void danglingWhere() {
        assertThat(errorAt("Select srcIP\nFrom Packets [Range 1 Minute]\nWhere»")).isEqualTo(
                "unexpected end of text; expected an expression");
    }

    @Test
    void conditionEndingInAnd() {
        assertThat(errorAt("Select * From Packets [Now] Where isSyn(flags) And»")).isEqualTo(
                "unexpected end of text; expected an expression");
    }

    @Test
    void trailingCommaInSelectList() {
        assertThat(errorAt("Select srcIP, len, »From Packets [Now]")).isEqualTo("unexpected 'From' after ','; "
                + "expected one of: an expression, '*' (a list does not end with ',')");
    }

    @Test
    void trailingCommaInFromList() {
        assertThat(errorAt("Select * From Packets [Now] P, »Where P.len > 1")).isEqualTo("unexpected 'Where' after "
                + "','; expected one of: '(', a name (a list does not end with ',')");
    }

    @Test
    void selectWithoutColumns() {
        assertThat(errorAt("Select »From Packets")).isEqualTo("unexpected 'From'; expected one of: an expression, "
                + "'*', distinct, istream, dstream, rstream ('From' is a reserved word and can't be a name)");
    }

    @Test
    void groupByWithoutKeys() {
        assertThat(errorAt("Select srcIP, Count(*)\nFrom Packets [Range 1 Minute]\nGroup By srcIP,»")).isEqualTo(
                "unexpected end of text; expected an expression");
        assertThat(errorAt("Select srcIP From Packets Group »srcIP")).isEqualTo("unexpected 'srcIP'; expected by");
    }

    // Parentheses and brackets.

    @Test
    void unclosedParenthesis() {
        assertThat(errorAt("Select * From Packets [Now]\nWhere (len > 5 and protocol = 6»")).isEqualTo(
                "unexpected end of text; expected one of: ')', ',', an operator continuing the expression "
                + "('*', '-', '/', …)");
    }

    @Test
    void unclosedSubquery() {
        assertThat(errorAt("Select * From Packets [Now] P\nWhere Exists (Select * From Packets [Range 1 Minute] Q\n"
                + "              Where Q.srcIP = P.destIP»")).isEqualTo("unexpected end of text; expected ')'");
    }

    @Test
    void unclosedBracket() {
        assertThat(errorAt("Select Count(*) From Packets [Range 5 Minute »Where len > 5")).isEqualTo(
                "unexpected 'Where'; expected one of: ']', slide");
    }

    @Test
    void extraClosingParenthesis() {
        assertThat(errorAt("Select Count(*) From Packets [Range 1 Minute]»)")).isEqualTo("unexpected ')' after a "
                + "complete statement; expected the end of the text or another statement");
    }

    // Windows.

    @Test
    void misspeltTimeUnit() {
        assertThat(errorAt("Select Count(*) From Packets [Range 5 »Minits]")).isEqualTo("unknown time unit 'Minits' "
                + "(did you mean 'Minute'?); use Microsecond, Millisecond, Second, Minute, Hour or Day");
    }

    @Test
    void durationWithoutUnit() {
        assertThat(errorAt("Select Count(*) From Packets [Range 5»]")).isEqualTo(
                "a time unit must follow 5: Microsecond, Millisecond, Second, Minute, Hour or Day");
        assertThat(errorAt("Select Count(*) From Packets [Range 5 Minute Slide 1»]")).isEqualTo(
                "a time unit must follow 1: Microsecond, Millisecond, Second, Minute, Hour or Day");
    }

    @Test
    void slideWithoutRange() {
        assertThat(errorAt("Select Count(*) From Packets [»Slide 1 Minute]")).isEqualTo(
                "a Slide needs a Range before it: write [Range 5 Minute Slide 1 Minute]");
    }

    @Test
    void unknownWindowKind() {
        assertThat(errorAt("Select Count(*) From Packets [»Rnage 5 Minute]")).isEqualTo("unexpected 'Rnage' (did "
                + "you mean 'range'?); expected one of: now, unbounded, range, slide, rows");
        assertThat(errorAt("Select Count(*) From Packets [»Partition By srcIP Rows 1]")).isEqualTo(
                "unexpected 'Partition'; expected one of: now, unbounded, range, slide, rows");
    }

    @Test
    void rowsWindowOfNoRows() {
        assertThat(errorAt("Select Count(*) From Packets [Rows »0]")).isEqualTo("a Rows window holds at least 1 row");
    }

    @Test
    void windowWithoutBrackets() {
        assertThat(errorAt("Select * From Packets »Range 1 Minute")).isEqualTo("unexpected 'Range' after a complete "
                + "statement; expected the end of the text or another statement (a window is written in brackets "
                + "after its stream: Packets [Range 1 Minute])");
    }

    @Test
    void durationBeyond64Bits() {
        assertThat(errorAt("Select Count(*) From Packets [Range »99999999999999 Day]")).isEqualTo("the duration "
                + "'99999999999999 Day' is too large: it must fit in 64 bits of microseconds (about 292,000 years)");
    }

    // Names of streams, relations, statements, aliases and columns.

    @Test
    void unknownStream() {
        assertThat(errorAt("Select Count(*) From »Packts [Range 1 Minute]")).isEqualTo("unknown stream or relation "
                + "'Packts': read Packets or a query defined above (did you mean 'Packets'?)");
    }

    @Test
    void unknownRelation() {
        assertThat(errorAt("Load: Select srcIP, Sum(len) as traffic From Packets [Range 1 Minute] Group By srcIP\n"
                + "Q: Select * From »Lod")).isEqualTo("unknown stream or relation 'Lod': read Packets or a query "
                + "defined above (did you mean 'Load'?)");
    }

    @Test
    void unknownColumn() {
        assertThat(errorAt("Select »srcIp2 From Packets [Now]")).isEqualTo("unknown column 'srcIp2' (did you mean "
                + "'srcIP'?); columns here: " + PACKETS_COLUMNS);
        assertThat(errorAt("Select »P.srcIp2 From Packets [Now] P")).isEqualTo("'P' has no "
                + "column 'srcIp2' (did you mean 'srcIP'?); its columns are " + PACKETS_COLUMNS);
    }

    @Test
    void columnOfAStatementWithoutFrom() {
        assertThat(errorAt("»srcIP + 1")).isEqualTo(
                "unknown column 'srcIP': there is no From clause here to read columns from");
    }

    @Test
    void functionNameUsedAsColumn() {
        assertThat(errorAt("Select »isSyn From Packets [Now]")).isEqualTo(
                "'isSyn' is a function, not a column: call it, as in isSyn(…)");
        assertThat(errorAt("Select »Count From Packets [Range 1 Minute]")).isEqualTo(
                "'Count' is a function, not a column: call it, as in Count(*)");
    }

    @Test
    void publishedMisbehavingHostQueryReadsAnUndefinedAlias() {
        String marked = SeedQueriesParseTest.MISBEHAVING.replaceFirst("isSyn\\(P1", "isSyn(" + MARK + "P1");
        assertThat(errorAt(marked)).isEqualTo("unknown alias 'P1': it is not defined in this query's From clause or "
                + "around it; aliases here: [P]");
    }

    @Test
    void aliasOfAnotherBlock() {
        assertThat(errorAt("Select * From Packets [Now] P\nWhere Exists (Select * From Packets [Range 1 Minute] Q\n"
                + "              Where P.len > »R.len)")).isEqualTo("unknown alias 'R': it is not defined in this "
                + "query's From clause or around it; aliases here: [Q, P]");
    }

    @Test
    void ambiguousColumnAcrossTwoFromItems() {
        assertThat(errorAt("Select Count(*)\nFrom Packets [Range 1 Minute] B, Packets [Range 1 Minute] C\n"
                + "Where B.id = C.id and »colID = 'B'")).isEqualTo("column 'colID' is ambiguous: qualify it with an "
                + "alias (B.colID or C.colID)");
    }

    @Test
    void aliasUsedTwiceInOneFrom() {
        assertThat(errorAt("Select Count(*) From Packets [Range 1 Minute] A, Packets [Range 1 Minute] »A")).isEqualTo(
                "alias 'A' is used twice in one From clause; give one of them another alias");
        assertThat(errorAt("Select Count(*) From Packets [Now], »Packets [Range 1 Minute]")).isEqualTo(
                "alias 'Packets' is used twice in one From clause; give one of them another alias");
    }

    @Test
    void subqueryInFromWithoutAlias() {
        assertThat(errorAt("Select * From »(Select srcIP From Packets [Range 1 Minute])")).isEqualTo(
                "a subquery in From needs an alias: (Select …) AS name");
    }

    @Test
    void statementNamedTwice() {
        assertThat(errorAt("A: Select * From Packets [Now]\n»A: Select * From Packets [Range 1 Minute]")).isEqualTo(
                "'A' is defined twice: a query of that name is defined at line 1, column 1");
    }

    @Test
    void statementNamedAsAnUnnamedOneIsCalled() {
        assertThat(errorAt("Select * From Packets [Now]\n»q1: Select * From Packets [Range 1 Minute]")).isEqualTo(
                "'q1' is what the unnamed statement at line 1, column 1 is called (q1, q2, … in order); choose "
                + "another name");
        // A stray word after a complete statement is a statement of its own, without a name.
        assertThat(errorAt("Q1: Select srcIP, Count(*) From Packets [Range 1 Minute] Group By srcIP\n»Q2")).isEqualTo(
                "this statement has no name, so it would be called 'q1', but the statement at line 1, column 1 is "
                + "named so; name this one (Name: Select …)");
    }

    @Test
    void statementNamedPackets() {
        assertThat(errorAt("»packets: Select * From Packets [Now]")).isEqualTo(
                "'packets' is the name of the packet stream; give this query another name");
    }

    // Grouping and aggregates.

    @Test
    void columnNeitherGroupedNorAggregated() {
        assertThat(errorAt("Select srcIP, »len, Count(*)\nFrom Packets [Range 1 Minute]\nGroup By srcIP")).isEqualTo(
                "'len' is neither grouped nor aggregated: add it to Group By or wrap it in an aggregate");
        assertThat(errorAt("Select srcIP, Count(*) From Packets [Range 1 Minute] Group By srcIP Having »len > 5"))
                .isEqualTo("'len' is neither grouped nor aggregated: add it to Group By or wrap it in an aggregate");
    }

    @Test
    void aggregateInWhere() {
        assertThat(errorAt("Select srcIP From Packets [Range 1 Minute]\nWhere »Count(*) > 5\nGroup By srcIP"))
                .isEqualTo("'Count(*)' is an aggregate: Where tests each tuple before any grouping; test aggregates "
                + "in Having");
    }

    @Test
    void aggregateAsGroupByKey() {
        assertThat(errorAt("Select Sum(len) From Packets [Range 1 Minute] Group By »Sum(len)")).isEqualTo(
                "an aggregate can't be a Group By key");
    }

    @Test
    void nestedAggregates() {
        assertThat(errorAt("Select Sum(»Count(*)) From Packets [Range 1 Minute]")).isEqualTo("'Count(*)' is an "
                + "aggregate: aggregates can't be nested, and this one is inside 'Sum(Count(*))'");
    }

    @Test
    void groupByWithoutAggregate() {
        assertThat(errorAt("Select srcIP From Packets [Range 1 Minute] »Group By srcIP")).isEqualTo(
                "Group By needs an aggregate (Count, Sum, …) in the select list or in Having; for distinct values, "
                + "write Select Distinct without Group By");
    }

    @Test
    void aggregateInAStatementWithoutSelect() {
        assertThat(errorAt("»Count(*) + 1")).isEqualTo("'Count(*)' is an aggregate: a statement without Select has no "
                + "tuples to aggregate; write Select … From …");
    }

    // Literals and types.

    @Test
    void literalThatIsNotAPort() {
        assertThat(errorAt("Select * From Packets [Now] Where destPort = »'http'")).isEqualTo(
                "the literal 'http' can't be read as int (compared with destPort)");
    }

    @Test
    void literalThatIsNotAnAddress() {
        assertThat(errorAt("Select * From Packets [Now] Where srcIP = »'10.0.0.300'")).isEqualTo(
                "the literal '10.0.0.300' can't be read as ip (compared with srcIP)");
        assertThat(errorAt("Select * From Packets [Now] Where srcIP In ('10.0.0.1', »'10.0.0.999')")).isEqualTo(
                "the literal '10.0.0.999' can't be read as ip (compared with srcIP)");
    }

    @Test
    void comparisonOfUnrelatedTypes() {
        assertThat(errorAt("Select * From Packets [Now] Where »srcIP = destPort")).isEqualTo(
                "can't compare ip with int using '='");
        assertThat(errorAt("Select * From Packets [Now] Where srcIP In ('10.0.0.1', »5)")).isEqualTo(
                "can't compare ip with int using 'In'");
    }

    @Test
    void arithmeticOnAnAddress() {
        assertThat(errorAt("Select »srcIP + 1 From Packets [Now]")).isEqualTo("'+' does not apply to ip and int");
    }

    @Test
    void whereThatIsNotACondition() {
        assertThat(errorAt("Select * From Packets [Now] Where »len")).isEqualTo(
                "the Where condition must be true or false, not int");
    }

    @Test
    void nullOutsideIsNull() {
        assertThat(errorAt("Select * From Packets [Now] Where len = »Null")).isEqualTo(
                "Null is not a value: test whether a value is absent with IS NULL or IS NOT NULL");
        assertThat(errorAt("Select * From Packets [Now] Where len Is Not »5")).isEqualTo(
                "unexpected '5'; expected null");
    }

    @Test
    void functionArgumentOfTheWrongType() {
        assertThat(errorAt("Select * From Packets [Now] Where »isSyn(srcIP)")).isEqualTo(
                "argument 1 of issyn() must be int, not ip");
    }

    // Subqueries and set operations.

    @Test
    void inWithMoreColumnsThanValues() {
        assertThat(errorAt("Select * From Packets [Now]\nWhere srcIP In (»Select srcIP, destIP From Packets "
                + "[Range 1 Minute])")).isEqualTo("In compares 1 value with a query of 2 columns [srcIP, destIP]");
        assertThat(errorAt("Select * From Packets [Now] P1\nWhere (P1.srcIP, P1.destIP) In (»Select srcIP From "
                + "Packets [Range 1 Minute])")).isEqualTo("In compares 2 values with a query of 1 column [srcIP]");
    }

    @Test
    void inWithAColumnOfAnotherType() {
        assertThat(errorAt("Select * From Packets [Now] Where (srcIP, »destIP) In (Select srcIP, len From Packets "
                + "[Range 1 Minute])")).isEqualTo("In compares ip with the query's column 'len' of type int");
    }

    @Test
    void scalarSubqueryOfTwoColumns() {
        assertThat(errorAt("Select * From Packets [Now]\nWhere len > »(Select Count(*), Sum(len) From Packets "
                + "[Range 1 Minute])")).isEqualTo("a subquery used as a value must select one column, not "
                + "[count, sum_len]");
    }

    @Test
    void unionOfDifferentColumnCounts() {
        assertThat(errorAt("Select srcIP From Packets [Now]\nUnion\n»Select srcIP, destIP From Packets [Now]"))
                .isEqualTo("the queries of a Union need the same number of columns: [srcIP] and [srcIP, destIP]");
    }

    @Test
    void unionOfAStreamAndARelation() {
        assertThat(errorAt("Select srcIP From Packets [Now]\nUnion\n»Select srcIP From Packets [Range 1 Minute]"))
                .isEqualTo("a Union needs streams on both sides or relations on both sides: the first query is a "
                + "stream, this one a relation");
    }

    @Test
    void unionOfDifferentColumnTypes() {
        assertThat(errorAt("Select srcIP From Packets [Now] Union »Select len From Packets [Now]")).isEqualTo(
                "column 1 of a Union is ip in the first query but int here");
    }

    @Test
    void orderByAColumnNotSelected() {
        assertThat(errorAt("Select srcIP, Sum(len) as traffic\nFrom Packets [Range 1 Minute]\nGroup By srcIP\n"
                + "Order By »trafic")).isEqualTo("Order By sorts by selected columns, and 'trafic' is not one (did "
                + "you mean 'traffic'?); the selected columns are [srcIP, traffic]");
        assertThat(errorAt("Select srcIP From Packets [Range 1 Minute] P Order By »X.srcIP")).isEqualTo(
                "unknown alias 'X': it is not defined in this query's From clause or around it; aliases here: [P]");
    }

    // Functions.

    @Test
    void unknownFunction() {
        assertThat(errorAt("Select »Summ(len) From Packets [Range 1 Minute]")).isEqualTo(
                "unknown function 'Summ' (did you mean 'sum'?)");
        assertThat(errorAt("Select * From Packets [Now] Where »isSin(flags)")).isEqualTo(
                "unknown function 'isSin' (did you mean 'issyn'?)");
    }

    @Test
    void countDistinctMisuse() {
        assertThat(errorAt("Select Count(»Distinct *) From Packets [Range 1 Minute]")).isEqualTo("Count(Distinct …) "
                + "counts the distinct values of the columns it names, not '*': write Count(Distinct srcIP, destIP)");
        assertThat(errorAt("Select Count(Distinct») From Packets [Range 1 Minute]")).isEqualTo("Count(Distinct …) "
                + "needs the columns whose distinct values it counts: Count(Distinct srcIP)");
        assertThat(errorAt("Select Sum(»Distinct len) From Packets [Range 1 Minute]")).isEqualTo(
                "only Count takes Distinct before its arguments, not Sum");
        assertThat(errorAt("Select * From Packets [Now] Where »Count(Distinct srcIP) > 1")).isEqualTo(
                "'Count(Distinct srcIP)' is an aggregate: Where tests each tuple before any grouping; test "
                + "aggregates in Having");
    }

    @Test
    void starOnlyInCount() {
        assertThat(errorAt("Select »Sum(*) From Packets [Range 1 Minute]")).isEqualTo(
                "only Count takes '*'; write Sum(column)");
    }

    @Test
    void distinctInsideIstream() {
        assertThat(errorAt("Select Istream(»Distinct srcIP) From Packets [Range 1 Minute]")).isEqualTo(
                "Distinct goes before Istream: Select Distinct Istream(…)");
    }

    // Keywords in the wrong places.

    @Test
    void keywordAsAName() {
        assertThat(errorAt("Select Count(*) as »Range From Packets [Range 1 Minute]")).isEqualTo(
                "unexpected 'Range'; expected a name ('Range' is a reserved word and can't be a name)");
        assertThat(errorAt("Select * From Packets [Now] Where »From = 1")).isEqualTo(
                "unexpected 'From'; expected an expression ('From' is a reserved word and can't be a name)");
    }

    @Test
    void keywordInTheWrongPlaceIsNotTakenForAMisspelling() {
        assertThat(errorAt("Select * From Packets [Now] P, Packets »Now] Q")).isEqualTo("unexpected 'Now' after a "
                + "complete statement; expected the end of the text or another statement (a window is written in "
                + "brackets after its stream: Packets [Range 1 Minute])");
        assertThat(errorAt("Select Sum(len »as traffic From Packets [Range 1 Minute]")).isEqualTo("unexpected 'as'; "
                + "expected one of: '(', ')', ',', '.', an operator continuing the expression ('*', '-', '/', …)");
    }

    @Test
    void clausesOutOfOrder() {
        assertThat(errorAt("Select srcIP, Count(*) From Packets [Range 1 Minute] Group By srcIP »Where len > 5"))
                .isEqualTo("unexpected 'Where' after a complete statement; expected the end of the text or another "
                + "statement (a Select's clauses come once each, in the order From, Where, Group By, Having, "
                + "Order By)");
    }

    @Test
    void misspeltKeywordReadAsAnAlias() {
        // "Wher" is taken as Packets' alias, and "len > 5" becomes a statement of its own.
        assertThat(errorAt("Select * From Packets [Now] »Wher len > 5")).isEqualTo(
                "'Wher' is read as a name, not a keyword (did you mean 'where'?)");
        assertThat(errorAt("Select srcIP »Form Packets [Now]")).isEqualTo(
                "'Form' is read as a name, not a keyword (did you mean 'from'?)");
        assertThat(errorAt("Select * »Frm Packets [Now]")).isEqualTo(
                "'Frm' is read as a name, not a keyword (did you mean 'from'?)");
    }

    @Test
    void misspeltKeywordStartingAStatement() {
        assertThat(errorAt("»Selct * From Packets [Now]")).isEqualTo(
                "'Selct' is read as a name, not a keyword (did you mean 'select'?)");
        assertThat(errorAt("Select srcIP, Count(*) From Packets [Range 1 Minute]\nGroup By srcIP\n"
                + "»Havng Count(*) > 5")).isEqualTo(
                "'Havng' is read as a name, not a keyword (did you mean 'having'?)");
        assertThat(errorAt("Select * From Packets [Now] Where len > 5 »Grup By srcIP")).isEqualTo(
                "'Grup' is read as a name, not a keyword (did you mean 'group'?)");
    }

    @Test
    void nameCloseToAWindowKeywordIsNotTakenForIt() {
        // "row" is one letter from Rows, but an alias may well be called so: the real error is reported.
        assertThat(errorAt("Select * From Packets [Now] row\nSelect »srcIp2 From Packets [Now]")).startsWith(
                "unknown column 'srcIp2' (did you mean 'srcIP'?)");
    }

    @Test
    void wordThatIsNoClauseStartsANewStatement() {
        assertThat(errorAt("Select * From Packets [Now] Where len > 5 »Limit 10")).isEqualTo("unknown column 'Limit': "
                + "there is no From clause here to read columns from ('Limit' begins a new statement, as the one "
                + "before it is complete)");
    }

    @Test
    void operatorsOfOtherLanguages() {
        assertThat(errorAt("Select * From Packets [Now] Where destPort =»= 80")).isEqualTo(
                "unexpected '='; expected an expression (to compare, write a single '=')");
        assertThat(errorAt("Select * From Packets [Now] Where len > 5 »&& len < 10")).isEqualTo("unexpected character "
                + "'&' after a complete statement; expected the end of the text or another statement (conditions are "
                + "combined with And, Or and Not)");
    }

    @Test
    void unclosedString() {
        assertThat(errorAt("Select * From Packets [Now] Where colID = »'B")).isEqualTo(
                "string not closed: a string ends with the quote it starts with ('), on the same line");
    }
}
