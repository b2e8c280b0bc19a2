package org.intstream.softswitch.p4runtime;

import io.grpc.Status;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.intstream.softswitch.action.ActionData;
import org.intstream.softswitch.action.ActionSpec;
import org.intstream.softswitch.table.KeyElement;
import org.intstream.softswitch.table.MatchKind;
import org.intstream.softswitch.table.MatchTable;
import org.intstream.softswitch.table.MatchValue;
import org.intstream.softswitch.table.TableEntry;
import p4.config.v1.P4InfoOuterClass;
import p4.v1.P4RuntimeOuterClass;
import p4.v1.P4RuntimeOuterClass.FieldMatch;

/**
 * Converts P4Runtime table entries to the soft switch's and back, checking them as the P4Runtime
 * specification asks: known ids, values that fit, no "don't care" spelt out (omit the field instead),
 * no bits set outside a mask or prefix, a priority exactly when the table needs one, and every action
 * parameter given once.
 */
public final class TableEntryCodec {
    private TableEntryCodec() {
    }

    /** The match of an entry, normalised, plus its priority. */
    public static TableEntry.MatchKey matchKey(P4RuntimeOuterClass.TableEntry te, LoadedPipeline p) {
        MatchTable table = p.table(te.getTableId());
        List<KeyElement> key = table.key();
        MatchValue[] match = new MatchValue[key.size()];
        for (FieldMatch fm : te.getMatchList()) {
            int i = p.keyIndex(te.getTableId(), fm.getFieldId());
            if (match[i] != null) {
                throw P4RuntimeException.invalid("match field " + key.get(i).name() + " is given twice");
            }
            match[i] = p.optionalKey(te.getTableId(), i) ? optional(key.get(i), fm, table.name())
                    : matchValue(key.get(i), fm, table.name());
        }
        for (int i = 0; i < match.length; i++) {
            if (match[i] == null) {
                match[i] = wildcard(key.get(i), table.name());
            }
        }
        int priority = te.getPriority();
        if (table.prioritised() && priority <= 0) {
            throw P4RuntimeException.invalid("table " + table.name() + " has ternary, range or optional keys: "
                    + "its entries need a priority > 0");
        }
        if (!table.prioritised() && priority != 0) {
            throw P4RuntimeException.invalid("table " + table.name() + " has no ternary, range or optional key: "
                    + "priority must be 0, is " + priority);
        }
        return new TableEntry.MatchKey(Arrays.asList(match), priority);
    }

    /** A complete entry for insert or modify; P4Runtime 1.2 deprecates controller_metadata, clients may still send it. */
    @SuppressWarnings("deprecation")
    public static TableEntry decode(P4RuntimeOuterClass.TableEntry te, LoadedPipeline p) {
        TableEntry.MatchKey key = matchKey(te, p);
        MatchTable table = p.table(te.getTableId());
        if (!te.hasAction()) {
            throw P4RuntimeException.invalid("the entry for table " + table.name() + " has no action");
        }
        if (te.getIdleTimeoutNs() != 0) {
            throw P4RuntimeException.invalid("table " + table.name() + " does not support idle timeouts (idle_timeout_ns "
                    + te.getIdleTimeoutNs() + ")");
        }
        if (te.hasMeterConfig()) {
            throw P4RuntimeException.invalid("table " + table.name() + " has no direct meter (meter_config given)");
        }
        ActionSpec action = action(te.getAction(), table, p);
        ActionData data = arguments(te.getAction().getAction(), action, p);
        TableEntry entry = new TableEntry(key.match(), key.priority(), action, data, te.getControllerMetadata(),
                te.getMetadata().toByteArray());
        if (te.hasCounterData()) {
            if (table.directCounter() == null) {
                throw P4RuntimeException.invalid("table " + table.name() + " has no direct counter (counter_data given)");
            }
            entry.setHits(te.getCounterData().getPacketCount(), te.getCounterData().getByteCount());
        }
        return entry;
    }

    /** The action of a table action, which must be a direct action of the table. */
    public static ActionSpec action(P4RuntimeOuterClass.TableAction ta, MatchTable table, LoadedPipeline p) {
        if (!ta.hasAction()) {
            throw new P4RuntimeException(Status.Code.UNIMPLEMENTED,
                    "only direct actions are supported (no action profiles) in table " + table.name());
        }
        P4InfoOuterClass.Action info = p.p4info().action(ta.getAction().getActionId());
        ActionSpec action = table.action(info.getPreamble().getName());
        if (action == null) {
            throw P4RuntimeException.invalid("action " + info.getPreamble().getName() + " is not an action of table "
                    + table.name());
        }
        return action;
    }

    public static ActionData arguments(P4RuntimeOuterClass.Action a, ActionSpec action, LoadedPipeline p) {
        P4InfoOuterClass.Action info = p.p4info().action(a.getActionId());
        BigInteger[] values = new BigInteger[action.paramCount()];
        for (P4RuntimeOuterClass.Action.Param param : a.getParamsList()) {
            P4InfoOuterClass.Action.Param pinfo = null;
            for (P4InfoOuterClass.Action.Param candidate : info.getParamsList()) {
                if (candidate.getId() == param.getParamId()) {
                    pinfo = candidate;
                }
            }
            if (pinfo == null) {
                throw P4RuntimeException.invalid("action " + action.name() + " has no parameter with id " + param.getParamId());
            }
            int i = action.paramNames().indexOf(pinfo.getName());
            if (i < 0) {
                throw P4RuntimeException.invalid("parameter " + pinfo.getName() + " of " + action.name()
                        + " is not in the BMv2 JSON");
            }
            if (values[i] != null) {
                throw P4RuntimeException.invalid("parameter " + pinfo.getName() + " of " + action.name() + " is given twice");
            }
            values[i] = Values.read(param.getValue(), action.paramWidth(i), "parameter " + pinfo.getName()
                    + " of " + action.name());
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw P4RuntimeException.invalid("parameter " + action.paramNames().get(i) + " of " + action.name()
                        + " is missing");
            }
        }
        return ActionData.of(action, values);
    }

    private static MatchValue matchValue(KeyElement k, FieldMatch fm, String table) {
        String what = "match field " + k.name() + " of table " + table;
        int w = k.width();
        switch (k.kind()) {
            case EXACT:
                requireCase(fm, FieldMatch.FieldMatchTypeCase.EXACT, what);
                return MatchValue.exact(Values.read(fm.getExact().getValue(), w, what), w);
            case LPM: {
                requireCase(fm, FieldMatch.FieldMatchTypeCase.LPM, what);
                int len = fm.getLpm().getPrefixLen();
                if (len <= 0 || len > w) {
                    throw P4RuntimeException.invalid(what + ": prefix length " + len + " must be in 1.." + w
                            + " (omit the field for a zero-length prefix)");
                }
                BigInteger v = Values.read(fm.getLpm().getValue(), w, what);
                MatchValue m = MatchValue.lpm(v, len, w);
                if (!m.value().equals(v)) {
                    throw P4RuntimeException.invalid(what + ": value 0x" + v.toString(16) + " has bits set beyond its /" + len + " prefix");
                }
                return m;
            }
            case TERNARY: {
                requireCase(fm, FieldMatch.FieldMatchTypeCase.TERNARY, what);
                BigInteger v = Values.read(fm.getTernary().getValue(), w, what);
                BigInteger mask = Values.read(fm.getTernary().getMask(), w, what + " (mask)");
                if (mask.signum() == 0) {
                    throw P4RuntimeException.invalid(what + ": an all-zero mask is a don't care; omit the field instead");
                }
                if (!v.and(mask).equals(v)) {
                    throw P4RuntimeException.invalid(what + ": value 0x" + v.toString(16) + " has bits set outside mask 0x"
                            + mask.toString(16));
                }
                return MatchValue.ternary(v, mask);
            }
            case OPTIONAL:
                requireCase(fm, FieldMatch.FieldMatchTypeCase.OPTIONAL, what);
                return MatchValue.optional(Values.read(fm.getOptional().getValue(), w, what), true, w);
            default: {
                requireCase(fm, FieldMatch.FieldMatchTypeCase.RANGE, what);
                BigInteger low = Values.read(fm.getRange().getLow(), w, what + " (low)");
                BigInteger high = Values.read(fm.getRange().getHigh(), w, what + " (high)");
                if (low.compareTo(high) > 0) {
                    throw P4RuntimeException.invalid(what + ": range low 0x" + low.toString(16) + " is above high 0x" + high.toString(16));
                }
                return MatchValue.range(low, high);
            }
        }
    }

    /**
     * A P4Info optional field: p4c emits it into the BMv2 JSON as a ternary key, so present means a
     * full mask (as BMv2's P4Runtime server translates it) and absent a zero mask.
     */
    private static MatchValue optional(KeyElement k, FieldMatch fm, String table) {
        String what = "match field " + k.name() + " of table " + table;
        requireCase(fm, FieldMatch.FieldMatchTypeCase.OPTIONAL, what);
        BigInteger v = Values.read(fm.getOptional().getValue(), k.width(), what);
        if (k.kind() == MatchKind.OPTIONAL) {
            return MatchValue.optional(v, true, k.width());
        }
        return MatchValue.ternary(v, BigInteger.ONE.shiftLeft(k.width()).subtract(BigInteger.ONE));
    }

    private static void requireCase(FieldMatch fm, FieldMatch.FieldMatchTypeCase want, String what) {
        if (fm.getFieldMatchTypeCase() != want) {
            throw P4RuntimeException.invalid(what + " is a " + want.name().toLowerCase() + " match, the entry gives "
                    + fm.getFieldMatchTypeCase().name().toLowerCase());
        }
    }

    private static MatchValue wildcard(KeyElement k, String table) {
        int w = k.width();
        switch (k.kind()) {
            case EXACT:
                throw P4RuntimeException.invalid("exact match field " + k.name() + " of table " + table + " is missing");
            case LPM:
                return MatchValue.lpm(BigInteger.ZERO, 0, w);
            case TERNARY:
                return MatchValue.ternary(BigInteger.ZERO, BigInteger.ZERO);
            case OPTIONAL:
                return MatchValue.optional(BigInteger.ZERO, false, w);
            default:
                return MatchValue.range(BigInteger.ZERO, BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE));
        }
    }

    /** The P4Runtime form of an installed entry (wildcards omitted, values canonical). */
    @SuppressWarnings("deprecation")
    public static P4RuntimeOuterClass.TableEntry encode(int tableId, TableEntry e, LoadedPipeline p) {
        P4RuntimeOuterClass.TableEntry.Builder b = P4RuntimeOuterClass.TableEntry.newBuilder().setTableId(tableId);
        MatchTable table = p.table(tableId);
        List<KeyElement> key = table.key();
        for (P4InfoOuterClass.MatchField mf : p.p4info().table(tableId).getMatchFieldsList()) {
            int i = p.keyIndex(tableId, mf.getId());
            MatchValue m = e.match().get(i);
            FieldMatch.Builder fm = FieldMatch.newBuilder().setFieldId(mf.getId());
            if (p.optionalKey(tableId, i)) {
                if (m.mask().signum() == 0) {
                    continue;
                }
                b.addMatch(fm.setOptional(FieldMatch.Optional.newBuilder().setValue(Values.canonical(m.value()))));
                continue;
            }
            switch (key.get(i).kind()) {
                case EXACT:
                    fm.setExact(FieldMatch.Exact.newBuilder().setValue(Values.canonical(m.value())));
                    break;
                case LPM:
                    if (m.prefixLength() == 0) {
                        continue;
                    }
                    fm.setLpm(FieldMatch.LPM.newBuilder().setValue(Values.canonical(m.value())).setPrefixLen(m.prefixLength()));
                    break;
                case TERNARY:
                    if (m.mask().signum() == 0) {
                        continue;
                    }
                    fm.setTernary(FieldMatch.Ternary.newBuilder().setValue(Values.canonical(m.value()))
                            .setMask(Values.canonical(m.mask())));
                    break;
                case OPTIONAL:
                    if (m.mask().signum() == 0) {
                        continue;
                    }
                    fm.setOptional(FieldMatch.Optional.newBuilder().setValue(Values.canonical(m.value())));
                    break;
                default:
                    if (m.low().signum() == 0 && m.high().bitLength() == key.get(i).width()
                            && m.high().bitCount() == key.get(i).width()) {
                        continue;
                    }
                    fm.setRange(FieldMatch.Range.newBuilder().setLow(Values.canonical(m.low())).setHigh(Values.canonical(m.high())));
                    break;
            }
            b.addMatch(fm);
        }
        b.setPriority(e.priority());
        b.setAction(P4RuntimeOuterClass.TableAction.newBuilder().setAction(action(e.action(), e.data(), p)));
        b.setControllerMetadata(e.controllerMetadata());
        b.setMetadata(com.google.protobuf.ByteString.copyFrom(e.metadata()));
        return b.build();
    }

    /** The P4Runtime action of a soft switch action with arguments. */
    public static P4RuntimeOuterClass.Action action(ActionSpec action, ActionData data, LoadedPipeline p) {
        P4RuntimeOuterClass.Action.Builder a = P4RuntimeOuterClass.Action.newBuilder();
        P4InfoOuterClass.Action info = null;
        for (P4InfoOuterClass.Action candidate : p.p4info().info().getActionsList()) {
            if (candidate.getPreamble().getName().equals(action.name())) {
                info = candidate;
            }
        }
        if (info == null) {
            throw new P4RuntimeException(Status.Code.INTERNAL, "action " + action.name() + " is not in the P4Info");
        }
        a.setActionId(info.getPreamble().getId());
        BigInteger[] values = data.values();
        List<String> names = new ArrayList<>(action.paramNames());
        for (P4InfoOuterClass.Action.Param param : info.getParamsList()) {
            int i = names.indexOf(param.getName());
            a.addParams(P4RuntimeOuterClass.Action.Param.newBuilder().setParamId(param.getId())
                    .setValue(Values.canonical(values[i])));
        }
        return a.build();
    }
}
