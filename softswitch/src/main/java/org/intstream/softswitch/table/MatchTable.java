package org.intstream.softswitch.table;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.intstream.softswitch.action.ActionData;
import org.intstream.softswitch.action.ActionSpec;
import org.intstream.softswitch.runtime.PacketContext;

/**
 * A match-action table. Exact-only tables look entries up in a hash map; the others scan their entries
 * in precedence order: highest priority first when the key has ternary, range or optional elements,
 * else longest prefix first; among equals, the older entry wins.
 */
public final class MatchTable {
    private final String name;
    private final int id;
    private final KeyElement[] key;
    private final int maxSize;
    private final Map<String, ActionSpec> actions;
    private final boolean exactOnly;
    private final boolean prioritised;
    private final boolean wideKey;

    private final Map<TableEntry.MatchKey, TableEntry> entries = new LinkedHashMap<>();
    private final Map<ExactKey, TableEntry> exactIndex = new HashMap<>();
    private TableEntry[] scanOrder = new TableEntry[0];
    private long insertions;
    private boolean constEntries;
    private String directCounter;

    private ActionSpec defaultAction;
    private ActionData defaultData = ActionData.NONE;
    private final boolean defaultConst;
    private final ActionSpec initialDefault;
    private final ActionData initialDefaultData;

    private final long[] probeWords;
    private final ExactKey probe;
    private final BigInteger[] wideProbe;

    /** @param actions the table's actions by name (p4c gives each table its own copy of shared actions) */
    public MatchTable(String name, int id, List<KeyElement> key, int maxSize, Map<String, ActionSpec> actions,
            ActionSpec defaultAction, ActionData defaultData, boolean defaultConst) {
        this.name = name;
        this.id = id;
        this.key = key.toArray(new KeyElement[0]);
        this.maxSize = maxSize;
        this.actions = Map.copyOf(actions);
        boolean exact = true;
        boolean prio = false;
        boolean wide = false;
        for (KeyElement k : key) {
            exact &= k.kind() == MatchKind.EXACT;
            prio |= k.kind().needsPriority();
            wide |= k.wide();
        }
        this.exactOnly = exact && !wide;
        this.prioritised = prio;
        this.wideKey = wide;
        this.defaultAction = defaultAction;
        this.defaultData = defaultData;
        this.defaultConst = defaultConst;
        this.initialDefault = defaultAction;
        this.initialDefaultData = defaultData;
        this.probeWords = new long[this.key.length];
        this.probe = new ExactKey(probeWords);
        this.wideProbe = new BigInteger[this.key.length];
    }

    public String name() {
        return name;
    }

    public int id() {
        return id;
    }

    public List<KeyElement> key() {
        return List.of(key);
    }

    public int maxSize() {
        return maxSize;
    }

    /** Whether {@code action} is this table's copy of one of its actions. */
    public boolean allowsAction(ActionSpec action) {
        return actions.get(action.name()) == action;
    }

    /** The table's copy of the action called {@code name}, or null. */
    public ActionSpec action(String name) {
        return actions.get(name);
    }

    public java.util.Collection<ActionSpec> actions() {
        return actions.values();
    }

    /** Whether entries need a priority (the key has ternary, range or optional elements). */
    public boolean prioritised() {
        return prioritised;
    }

    public ActionSpec defaultAction() {
        return defaultAction;
    }

    public ActionData defaultData() {
        return defaultData;
    }

    public boolean defaultConst() {
        return defaultConst;
    }

    /** Gives every entry a direct counter named {@code counter} (the program's {@code with_counters}). */
    public void attachDirectCounter(String counter) {
        directCounter = counter;
    }

    /** The direct counter's name, or null if entries are not counted. */
    public String directCounter() {
        return directCounter;
    }

    /** Whether the program fixed the entries ({@code const entries}); the control plane may not change them. */
    public boolean constEntries() {
        return constEntries;
    }

    /** Installs the program's const entries, then closes the table to further changes. */
    public void installConstEntries(List<TableEntry> constant) {
        for (TableEntry e : constant) {
            insert(e);
        }
        constEntries = true;
    }

    public int size() {
        return entries.size();
    }

    public List<TableEntry> entries() {
        return new ArrayList<>(entries.values());
    }

    public TableEntry entry(TableEntry.MatchKey k) {
        return entries.get(k);
    }

    /** The matching entry, or null on a miss. */
    public TableEntry lookup(PacketContext c) {
        if (exactOnly) {
            for (int i = 0; i < key.length; i++) {
                probeWords[i] = narrowKey(i, c);
            }
            probe.rehash();
            return exactIndex.get(probe);
        }
        if (!wideKey) {
            for (int i = 0; i < key.length; i++) {
                probeWords[i] = narrowKey(i, c);
            }
            for (TableEntry e : scanOrder) {
                List<MatchValue> m = e.match();
                boolean hit = true;
                for (int i = 0; i < key.length && hit; i++) {
                    hit = m.get(i).matches(probeWords[i]);
                }
                if (hit) {
                    return e;
                }
            }
            return null;
        }
        for (int i = 0; i < key.length; i++) {
            KeyElement k = key[i];
            BigInteger v = k.read().evalBig(c);
            if (k.fieldMask() != null) {
                v = v.and(k.fieldMask());
            }
            wideProbe[i] = v.and(BigInteger.ONE.shiftLeft(k.width()).subtract(BigInteger.ONE));
        }
        for (TableEntry e : scanOrder) {
            boolean hit = true;
            for (int i = 0; i < key.length && hit; i++) {
                hit = e.match().get(i).matches(wideProbe[i]);
            }
            if (hit) {
                return e;
            }
        }
        return null;
    }

    private long narrowKey(int i, PacketContext c) {
        KeyElement k = key[i];
        long v = k.read().evalLong(c);
        if (k.fieldMask() != null) {
            v &= k.fieldMask().longValue();
        }
        return k.width() >= 64 ? v : v & ((1L << k.width()) - 1);
    }

    public void insert(TableEntry e) {
        check(e);
        TableEntry.MatchKey k = e.key();
        if (entries.containsKey(k)) {
            throw new TableException(TableException.Reason.ALREADY_EXISTS,
                    "table " + name + " already has an entry with this match key");
        }
        if (entries.size() >= maxSize) {
            throw new TableException(TableException.Reason.RESOURCE_EXHAUSTED,
                    "table " + name + " is full (" + maxSize + " entries)");
        }
        e.order = insertions++;
        entries.put(k, e);
        if (exactOnly) {
            exactIndex.put(exactKey(e), e);
        }
        rebuildScanOrder();
    }

    public void modify(TableEntry e) {
        check(e);
        TableEntry old = entries.get(e.key());
        if (old == null) {
            throw new TableException(TableException.Reason.NOT_FOUND, "table " + name + " has no entry with this match key");
        }
        e.order = old.order;
        e.setHits(old.hitPackets(), old.hitBytes());
        entries.put(e.key(), e);
        if (exactOnly) {
            exactIndex.put(exactKey(e), e);
        }
        rebuildScanOrder();
    }

    public void delete(TableEntry.MatchKey k) {
        TableEntry old = entries.remove(k);
        if (old == null) {
            throw new TableException(TableException.Reason.NOT_FOUND, "table " + name + " has no entry with this match key");
        }
        if (exactOnly) {
            exactIndex.remove(exactKey(old));
        }
        rebuildScanOrder();
    }

    /** Sets the default action; refused when the program made it const. */
    public void setDefault(ActionSpec action, ActionData data) {
        if (defaultConst) {
            throw new TableException(TableException.Reason.PERMISSION_DENIED,
                    "the default action of table " + name + " is const");
        }
        if (!allowsAction(action)) {
            throw new TableException(TableException.Reason.INVALID_ARGUMENT,
                    "action " + action.name() + " is not an action of table " + name);
        }
        defaultAction = action;
        defaultData = data;
    }

    /** Back to the program's default action. */
    public void resetDefault() {
        defaultAction = initialDefault;
        defaultData = initialDefaultData;
    }

    private void check(TableEntry e) {
        if (e.match().size() != key.length) {
            throw new TableException(TableException.Reason.INVALID_ARGUMENT, "table " + name + " has "
                    + key.length + " key element(s), the entry " + e.match().size());
        }
        for (int i = 0; i < key.length; i++) {
            MatchKind want = key[i].kind();
            MatchKind got = e.match().get(i).kind();
            if (want != got) {
                throw new TableException(TableException.Reason.INVALID_ARGUMENT, "key element " + key[i].name()
                        + " of table " + name + " matches " + want + ", the entry gives " + got);
            }
        }
        if (!allowsAction(e.action())) {
            throw new TableException(TableException.Reason.INVALID_ARGUMENT,
                    "action " + e.action().name() + " is not an action of table " + name);
        }
    }

    private ExactKey exactKey(TableEntry e) {
        long[] words = new long[key.length];
        for (int i = 0; i < key.length; i++) {
            words[i] = e.match().get(i).longValue;
        }
        ExactKey k = new ExactKey(words);
        k.rehash();
        return k;
    }

    private void rebuildScanOrder() {
        if (exactOnly) {
            return;
        }
        TableEntry[] order = entries.values().toArray(new TableEntry[0]);
        Comparator<TableEntry> byPrecedence = prioritised
                ? Comparator.comparingInt((TableEntry e) -> -e.priority())
                : Comparator.comparingInt((TableEntry e) -> -e.lpmLength);
        Arrays.sort(order, byPrecedence.thenComparingLong(e -> e.order));
        scanOrder = order;
    }

    /** Removes every entry (a new pipeline config or a test reset). */
    public void clear() {
        entries.clear();
        exactIndex.clear();
        scanOrder = new TableEntry[0];
    }

    /** The key words of an exact-only table. */
    private static final class ExactKey {
        final long[] words;
        int hash;

        ExactKey(long[] words) {
            this.words = words;
        }

        void rehash() {
            hash = Arrays.hashCode(words);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ExactKey && Arrays.equals(words, ((ExactKey) o).words);
        }
    }
}
