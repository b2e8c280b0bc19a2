package org.intstream.engine.exec.rel;

import java.util.Comparator;
import org.intstream.query.function.Signatures;

/** Orders rows column by column, absent first: the tie-breaker that makes top-k and sorts deterministic. */
final class RowOrder implements Comparator<Object[]> {
    static final RowOrder INSTANCE = new RowOrder();

    @Override
    public int compare(Object[] a, Object[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int c = Signatures.compareValues(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }
}
