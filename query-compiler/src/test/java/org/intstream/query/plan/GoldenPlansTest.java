package org.intstream.query.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.intstream.query.QueryDefinition;
import org.intstream.query.dsl.DslParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The logical plan of every shipped query ({@code queries/*.isq}) against its golden text in
 * {@code src/test/resources/golden/plans.txt}, as {@link PlanExplainer} prints it. A change to the parser, the
 * plan builder or a shipped query shows up as a line diff; when the change is intended, rewrite the golden
 * file with {@code mvn -o -pl query-compiler test -Dtest=GoldenPlansTest -Dgolden.update=true} and review the
 * diff in git.
 */
class GoldenPlansTest {
    /** Paths relative to the module directory, where Maven runs the tests. */
    private static final Path QUERIES = Path.of("..", "queries");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "plans.txt");
    private static final String SECTION = "== ";
    private static final String HEADER = String.join("\n",
            "# Logical plans of the shipped queries (queries/*.isq), as PlanExplainer.explain prints them.",
            "# Checked by GoldenPlansTest. After an intended change, rewrite this file with",
            "#   mvn -o -pl query-compiler test -Dtest=GoldenPlansTest -Dgolden.update=true",
            "# and review the difference in git.",
            "");

    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicTest> everyShippedQueryHasItsGoldenPlan() throws IOException {
        Map<String, String> actual = shippedPlans();
        if (UPDATE) {
            Files.writeString(GOLDEN, format(actual), StandardCharsets.UTF_8);
            System.out.println("golden plans rewritten: " + GOLDEN.toAbsolutePath().normalize());
        }
        Map<String, String> golden = parse(Files.readString(GOLDEN, StandardCharsets.UTF_8));
        return actual.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            String expected = golden.get(e.getKey());
            if (expected == null) {
                throw new AssertionError("no golden plan for " + e.getKey() + " in " + GOLDEN
                        + "; add it with -Dgolden.update=true");
            }
            if (!expected.equals(e.getValue())) {
                throw new AssertionError("the plan of " + e.getKey() + " differs from " + GOLDEN
                        + " (- golden, + now):\n" + LineDiff.diff(expected, e.getValue())
                        + "if the change is intended, rewrite the golden file with -Dgolden.update=true");
            }
        }));
    }

    @Test
    void goldenFileHoldsNoPlanOfARemovedQuery() throws IOException {
        Map<String, String> golden = parse(Files.readString(GOLDEN, StandardCharsets.UTF_8));
        assertThat(golden.keySet()).as("queries in " + GOLDEN + " and in " + QUERIES)
                .containsExactlyInAnyOrderElementsOf(shippedPlans().keySet());
    }

    @Test
    void diffShowsRemovedAndAddedLinesInPlace() {
        assertThat(LineDiff.diff("Rstream\n  Filter(a)\n    Scan(packets)\n",
                "Rstream\n  Filter(b)\n    Scan(packets)\n")).isEqualTo("  Rstream\n-   Filter(a)\n+   Filter(b)\n      Scan(packets)\n");
    }

    /** Query name to explained plan, sorted by name; each shipped file holds one query named like the file. */
    static Map<String, String> shippedPlans() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(QUERIES)) {
            files = s.filter(p -> p.toString().endsWith(".isq")).sorted().collect(Collectors.toList());
        }
        assertThat(files).as("shipped queries in " + QUERIES.toAbsolutePath().normalize()).isNotEmpty();
        Map<String, String> plans = new TreeMap<>();
        for (Path f : files) {
            List<QueryDefinition> queries = DslParser.parse(Files.readString(f, StandardCharsets.UTF_8));
            String fileName = f.getFileName().toString().replaceFirst("\\.isq$", "");
            assertThat(queries).as(f + " holds one query").hasSize(1);
            assertThat(queries.get(0).name()).as("the query in " + f).isEqualTo(fileName);
            plans.put(fileName, PlanExplainer.explain(queries.get(0).plan()));
        }
        return plans;
    }

    static String format(Map<String, String> plans) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (Map.Entry<String, String> e : plans.entrySet()) {
            sb.append('\n').append(SECTION).append(e.getKey()).append('\n').append(e.getValue());
        }
        return sb.toString();
    }

    /** Sections "== name" followed by the plan's lines; comments and blank lines between sections are skipped. */
    static Map<String, String> parse(String text) {
        Map<String, String> plans = new LinkedHashMap<>();
        String name = null;
        StringBuilder plan = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(SECTION)) {
                if (name != null) {
                    plans.put(name, plan.toString());
                }
                name = line.substring(SECTION.length()).trim();
                plan.setLength(0);
            } else if (name != null && !line.isEmpty()) {
                plan.append(line).append('\n');
            }
        }
        if (name != null) {
            plans.put(name, plan.toString());
        }
        return plans;
    }

    /** A line diff by longest common subsequence: "  " kept, "- " only in the first text, "+ " only in the second. */
    static final class LineDiff {
        private LineDiff() {
        }

        static String diff(String before, String after) {
            String[] a = before.split("\n");
            String[] b = after.split("\n");
            int[][] common = new int[a.length + 1][b.length + 1];
            for (int i = a.length - 1; i >= 0; i--) {
                for (int j = b.length - 1; j >= 0; j--) {
                    common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1
                            : Math.max(common[i + 1][j], common[i][j + 1]);
                }
            }
            List<String> out = new ArrayList<>();
            int i = 0;
            int j = 0;
            while (i < a.length || j < b.length) {
                if (i < a.length && j < b.length && a[i].equals(b[j])) {
                    out.add("  " + a[i++]);
                    j++;
                } else if (i < a.length && (j == b.length || common[i + 1][j] >= common[i][j + 1])) {
                    out.add("- " + a[i++]);
                } else {
                    out.add("+ " + b[j++]);
                }
            }
            return String.join("\n", out) + "\n";
        }
    }
}
