package org.intstream.query.check;

import java.util.Collection;

/** "Did you mean …?" for misspelt names: the closest candidate by edit distance, if close enough. */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * The closest candidate within a third of the name's length (at least 2 edits), or null. Fewer edits than
     * either word has letters, too: "len" is not a misspelt "n".
     */
    public static String closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int limit = Math.max(2, name.length() / 3);
        for (String c : candidates) {
            int d = distance(name.toLowerCase(), c.toLowerCase());
            if (d < bestDistance && d < c.length() && d < name.length()) {
                best = c;
                bestDistance = d;
            }
        }
        return bestDistance <= limit ? best : null;
    }

    /** " (did you mean 'x'?)" or "". */
    public static String didYouMean(String name, Collection<String> candidates) {
        String s = closest(name, candidates);
        return s == null ? "" : " (did you mean '" + s + "'?)";
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
