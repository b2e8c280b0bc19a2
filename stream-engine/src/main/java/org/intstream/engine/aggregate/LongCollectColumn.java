package org.intstream.engine.aggregate;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.record.Record;

/**
 * {@code collect(x)} of integers or timestamps, boxed only at the end. The values of all groups go into
 * chunks of {@value #CHUNK} in a few large pages, each group a chain of chunks: a window of many small groups
 * (a scan's pairs) then allocates a handful of pages instead of an array per group, which the garbage
 * collector would copy at every young collection, and the pages serve the next window again.
 */
public final class LongCollectColumn extends AggColumn {
    private static final int CHUNK = 8;
    private static final int PAGE_CHUNK_BITS = 12;
    private static final int PAGE_CHUNKS = 1 << PAGE_CHUNK_BITS;

    private final Evaluator argument;
    private long[][] pages = new long[1][];
    private int[] nextChunk = new int[PAGE_CHUNKS];
    private int chunks;
    // per group: its first and last chunk and its number of values
    private int[] firstChunk = new int[16];
    private int[] lastChunk = new int[16];
    private int[] sizes = new int[16];

    public LongCollectColumn(Evaluator argument) {
        this.argument = argument;
    }

    @Override
    public void add(int id, Record r) {
        r.absent = false;
        long v = argument.evalLong(r);
        if (r.absent) {
            r.absent = false;
            return;
        }
        int n = sizes[id];
        int at = n & (CHUNK - 1);
        int c;
        if (at == 0) {
            c = newChunk();
            if (n == 0) {
                firstChunk[id] = c;
            } else {
                nextChunk[lastChunk[id]] = c;
            }
            lastChunk[id] = c;
        } else {
            c = lastChunk[id];
        }
        pages[c >>> PAGE_CHUNK_BITS][(c & (PAGE_CHUNKS - 1)) * CHUNK + at] = v;
        sizes[id] = n + 1;
    }

    private int newChunk() {
        int c = chunks++;
        int page = c >>> PAGE_CHUNK_BITS;
        if (page == pages.length) {
            pages = Arrays.copyOf(pages, 2 * pages.length);
            nextChunk = Arrays.copyOf(nextChunk, 2 * nextChunk.length);
        }
        if (pages[page] == null) {
            pages[page] = new long[PAGE_CHUNKS * CHUNK];
        }
        return c;
    }

    @Override
    public boolean mayIgnore() {
        return absentSometimes(argument);
    }

    @Override
    public boolean changes(Record r) {
        return CountColumn.isPresent(argument, r);
    }

    @Override
    public void ensureCapacity(int capacity) {
        if (capacity > sizes.length) {
            int n = Math.max(capacity, sizes.length * 2);
            firstChunk = Arrays.copyOf(firstChunk, n);
            lastChunk = Arrays.copyOf(lastChunk, n);
            sizes = Arrays.copyOf(sizes, n);
        }
    }

    @Override
    public Object result(int id) {
        int n = sizes[id];
        long[] out = new long[n];
        int c = firstChunk[id];
        for (int from = 0; from < n; from += CHUNK) {
            System.arraycopy(pages[c >>> PAGE_CHUNK_BITS], (c & (PAGE_CHUNKS - 1)) * CHUNK, out, from,
                    Math.min(CHUNK, n - from));
            c = nextChunk[c];
        }
        return new LongList(out, n);
    }

    /** An immutable list over a long array: values are boxed only when read. */
    static final class LongList extends AbstractList<Long> implements RandomAccess {
        private final long[] values;
        private final int size;

        LongList(long[] values, int size) {
            this.values = values;
            this.size = size;
        }

        @Override
        public Long get(int index) {
            if (index >= size) {
                throw new IndexOutOfBoundsException("index " + index + " of " + size);
            }
            return values[index];
        }

        @Override
        public int size() {
            return size;
        }
    }

    @Override
    public void clear(int size) {
        Arrays.fill(sizes, 0, Math.min(size, sizes.length), 0);
        chunks = 0; // the pages stay for the next window
    }
}
