package org.intstream.engine.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.intstream.engine.record.PacketRecord;
import org.intstream.engine.record.Record;
import org.intstream.engine.tcp.TcpFacts;

/**
 * Maps the keys of records to dense ids 0, 1, 2, … in order of first appearance. Packable keys live in an
 * open-addressing table of primitive words (no allocation per record); the others in a hash map of boxed
 * keys. A table has a capacity bound: past it, {@link #idOf} answers {@link #FULL} for new keys.
 */
public final class KeyTable {
    /** {@link #idOf} result for a new key when the table holds its maximum number of keys. */
    public static final int FULL = -1;

    /** Window stamps of memo words: unique in the process, so no table ever reads another's or an old id. */
    private static final AtomicLong STAMPS = new AtomicLong();
    private static final int MEMO_ID_BITS = 24;
    private static final long MEMO_ID_MASK = (1L << MEMO_ID_BITS) - 1;

    private final KeyCodec codec;
    private final int maxKeys;
    private final long[] scratch = new long[2];

    // Open addressing over the packed keys, one long per slot: the key's 32-bit hash and its id + 1 (0 marks an
    // empty slot). A probe compares hashes only; the key itself is read from the dense storage when the hash
    // matches. A new key (most lookups in a large table, the others finding their id in a connection's memo)
    // costs one load from an index a third of the size of one that holds the keys.
    private long[] slots;
    private int mask;

    // dense storage by id: the packed words side by side (hi, lo), or the boxed key (the array made with the
    // first key that does not pack: most tables never have one)
    private long[] keys;
    private Object[][] boxed;
    private final Map<BoxedKey, Integer> boxedIds = new HashMap<>();

    private int size;
    private final int initialSlots;
    private boolean lastWasNew;
    private Object[] lastBoxed;
    /** This table's current window in connection memo words (see {@link TcpFacts#memo}). */
    private long stamp = STAMPS.incrementAndGet();

    public KeyTable(KeyCodec codec, int initialCapacity, int maxKeys) {
        this.codec = codec;
        this.maxKeys = maxKeys;
        int cap = Integer.highestOneBit(Math.max(16, initialCapacity * 2 - 1)) << 1;
        this.initialSlots = cap;
        allocateSlots(cap);
        keys = new long[2 * Math.max(16, initialCapacity)];
    }

    private void allocateSlots(int capacity) {
        slots = new long[capacity];
        mask = capacity - 1;
    }

    private int capacity() {
        return mask + 1;
    }

    public int size() {
        return size;
    }

    public int maxKeys() {
        return maxKeys;
    }

    /** A 64-bit hash of the key the last {@link #idOf} looked up (for the overflow Bloom filter). */
    public long lastKeyHash() {
        if (lastBoxed == null) {
            return mix(scratch[0], scratch[1]);
        }
        return mix(java.util.Arrays.hashCode(lastBoxed), java.util.Arrays.deepToString(lastBoxed).hashCode());
    }

    /** The codec that reads keys from records. */
    public KeyCodec codec() {
        return codec;
    }

    private static long mix(long hi, long lo) {
        long h = hi * 0xC2B2AE3D27D4EB4FL + lo;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }

    /** True when the last {@link #idOf} added a key. */
    public boolean lastWasNew() {
        return lastWasNew;
    }

    /** The id of the record's key, adding it if new; {@link #FULL} when new and the table is full. */
    public int idOf(Record r) {
        int w = codec.memoWord();
        if (w >= 0 && r instanceof PacketRecord) {
            TcpFacts f = ((PacketRecord) r).facts();
            if (f.hasMemo()) {
                // A connection-keyed table: its id for this connection's key may wait in the connection's row,
                // which the TCP analysis just read, instead of a probe of this table that misses the cache.
                long m = f.memo(w);
                if (m >>> MEMO_ID_BITS == stamp) {
                    lastWasNew = false;
                    return (int) (m & MEMO_ID_MASK) - 1;
                }
                int id = lookUp(r);
                if (id != FULL && id < MEMO_ID_MASK - 1) {
                    f.remember(w, stamp << MEMO_ID_BITS | (id + 1));
                }
                return id;
            }
        }
        return lookUp(r);
    }

    private int lookUp(Record r) {
        lastWasNew = false;
        if (codec.packable() && codec.pack(r, scratch)) {
            lastBoxed = null;
            return idOfPacked(scratch[0], scratch[1]);
        }
        Object[] key = codec.box(r);
        BoxedKey k = new BoxedKey(key);
        lastBoxed = key;
        Integer id = boxedIds.get(k);
        if (id != null) {
            return id;
        }
        if (size >= maxKeys) {
            return FULL;
        }
        int newId = addDense(0, 0, key);
        boxedIds.put(k, newId);
        return newId;
    }

    private static int hash(long hi, long lo) {
        long h = hi * 0x9E3779B97F4A7C15L + lo;
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        return (int) (h ^ (h >>> 29));
    }

    private int idOfPacked(long hi, long lo) {
        long[] t = slots;
        int h = hash(hi, lo);
        int i = h & mask;
        while (true) {
            long e = t[i];
            if (e == 0) {
                break;
            }
            if ((int) (e >>> 32) == h) {
                int id = (int) e - 1;
                if (keys[2 * id] == hi && keys[2 * id + 1] == lo) {
                    return id;
                }
            }
            i = (i + 1) & mask;
        }
        if (size >= maxKeys) {
            return FULL;
        }
        int newId = addDense(hi, lo, null);
        t[i] = (long) h << 32 | (newId + 1);
        if (2 * packedCount() > capacity()) {
            rehash();
        }
        return newId;
    }

    private int packedCount() {
        return size - boxedIds.size();
    }

    private int addDense(long hi, long lo, Object[] key) {
        if (2 * size == keys.length) {
            keys = Arrays.copyOf(keys, 2 * keys.length);
        }
        keys[2 * size] = hi;
        keys[2 * size + 1] = lo;
        if (key != null || boxed != null) {
            if (boxed == null) {
                boxed = new Object[keys.length / 2][];
            } else if (size == boxed.length) {
                boxed = Arrays.copyOf(boxed, keys.length / 2);
            }
            boxed[size] = key;
        }
        lastWasNew = true;
        return size++;
    }

    private void rehash() {
        long[] old = slots;
        allocateSlots(2 * old.length);
        for (long e : old) {
            if (e != 0) {
                int i = (int) (e >>> 32) & mask; // the hash is in the slot: no key is read again
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = e;
            }
        }
    }

    /** The boxed key values of an id. */
    public Object[] key(int id) {
        Object[] b = boxed == null ? null : boxed[id];
        return b != null ? b.clone() : codec.unpack(keys[2 * id], keys[2 * id + 1]);
    }

    /** Every key, by id. */
    public List<Object[]> keys() {
        List<Object[]> out = new ArrayList<>(size);
        for (int id = 0; id < size; id++) {
            out.add(key(id));
        }
        return out;
    }

    /** Forgets every key but keeps the arrays, for the next window. */
    public void clear() {
        if (size > 0) {
            // A burst (a scan, a flood) grows the table; when the window that just closed used a small part
            // of it, start the next one compact, so its probes stay in cache and the next clear is cheap.
            int fit = Math.max(initialSlots, Integer.highestOneBit(Math.max(16, size * 2 - 1)) << 1);
            if (capacity() > 4 * fit) {
                allocateSlots(fit);
            } else if (8 * size <= capacity()) {
                clearUsedSlots();
            } else {
                Arrays.fill(slots, 0);
            }
            if (boxed != null) {
                Arrays.fill(boxed, 0, Math.min(size, boxed.length), null);
            }
            boxedIds.clear();
        }
        size = 0;
        lastWasNew = false;
        stamp = STAMPS.incrementAndGet();
    }

    /**
     * Empties the slots of the packed keys only: a window that closes every thousand packets would otherwise
     * zero the whole table each time. Each key is found from its home slot; a slot already emptied is walked
     * past like any other that does not hold the key, so the order does not matter.
     */
    private void clearUsedSlots() {
        long[] t = slots;
        for (int id = 0; id < size; id++) {
            if (boxed != null && id < boxed.length && boxed[id] != null) {
                continue;
            }
            int i = hash(keys[2 * id], keys[2 * id + 1]) & mask;
            while ((int) t[i] != id + 1) {
                i = (i + 1) & mask;
            }
            t[i] = 0;
        }
    }

    /** A boxed key with value equality. */
    static final class BoxedKey {
        private final Object[] values;
        private final int hash;

        BoxedKey(Object[] values) {
            this.values = values;
            this.hash = Arrays.hashCode(values);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BoxedKey && Arrays.equals(((BoxedKey) o).values, values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
