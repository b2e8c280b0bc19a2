package org.intstream.p4runtime;

import com.google.protobuf.ByteString;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import p4.config.v1.P4InfoOuterClass;
import p4.config.v1.P4InfoOuterClass.ActionRef;
import p4.config.v1.P4InfoOuterClass.MatchField;
import p4.config.v1.P4InfoOuterClass.Table;
import p4.v1.P4RuntimeOuterClass.Action;
import p4.v1.P4RuntimeOuterClass.FieldMatch;
import p4.v1.P4RuntimeOuterClass.TableAction;
import p4.v1.P4RuntimeOuterClass.TableEntry;

/**
 * Turns a {@link TableEntrySpec} into a P4Runtime {@code TableEntry} and back. Encoding checks everything
 * P4Runtime would refuse, so the caller hears which name or value is wrong before anything is sent: names,
 * match kinds, widths, ternary values outside their mask, LPM values with bits past the prefix, missing
 * exact fields and parameters, priorities. Values go out in canonical (shortest) form.
 */
public final class TableEntryCodec {

    private final P4InfoIndex index;

    public TableEntryCodec(P4InfoIndex index) {
        this.index = index;
    }

    /** Encodes an entry; {@code needAction} is false for deletes, where the action is ignored. */
    public TableEntry encode(TableEntrySpec spec, boolean needAction) {
        String where = describeKey(spec);
        Table table = index.table(spec.table());
        TableEntry.Builder entry = TableEntry.newBuilder().setTableId(table.getPreamble().getId());
        if (spec.isDefaultAction()) {
            entry.setIsDefaultAction(true);
        } else {
            encodeMatches(spec, table, entry, where);
            encodePriority(spec, table, where);
            entry.setPriority(spec.priority());
        }
        if (spec.action() != null && (needAction || spec.isDefaultAction())) {
            entry.setAction(TableAction.newBuilder().setAction(encodeAction(spec, table, where)));
        } else if (needAction) {
            throw new InvalidEntityException(where + ": no action given");
        }
        return entry.build();
    }

    /**
     * Names the entry for messages: the table's full name and each value padded to its field's width
     * ({@code table entry Ingress.l2{dst_mac=0x000000000005}}); names the P4Info lacks are shown as given.
     */
    public String describeKey(TableEntrySpec spec) {
        Table table;
        try {
            table = index.table(spec.table());
        } catch (InvalidEntityException e) {
            return spec.describeKey();
        }
        String tableName = table.getPreamble().getName();
        if (spec.isDefaultAction()) {
            return "default action of table " + tableName;
        }
        StringBuilder sb = new StringBuilder("table entry ").append(tableName).append('{');
        String sep = "";
        for (Map.Entry<String, Match> e : spec.matches().entrySet()) {
            int width = -1;
            for (MatchField f : table.getMatchFieldsList()) {
                if (f.getName().equals(e.getKey())) {
                    width = f.getBitwidth();
                }
            }
            sb.append(sep).append(e.getKey()).append('=')
                    .append(width < 0 ? e.getValue().toString() : e.getValue().toString(width));
            sep = ", ";
        }
        if (spec.priority() != 0) {
            sb.append(sep).append("priority=").append(spec.priority());
        }
        return sb.append('}').toString();
    }

    /** The entry's identity only (table, match, priority, default flag): what P4Runtime keys entries by. */
    public TableEntry encodeKey(TableEntrySpec spec) {
        return encode(spec, false).toBuilder().clearAction().build();
    }

    private void encodeMatches(TableEntrySpec spec, Table table, TableEntry.Builder entry, String where) {
        List<FieldMatch> fields = new ArrayList<>();
        for (Map.Entry<String, Match> e : spec.matches().entrySet()) {
            MatchField info = checked(() -> P4InfoIndex.matchField(table, e.getKey()), where);
            fields.add(encodeMatch(info, e.getValue(), where + ": field " + e.getKey()));
        }
        for (MatchField info : table.getMatchFieldsList()) {
            if (info.getMatchType() == MatchField.MatchType.EXACT && !spec.matches().containsKey(info.getName())) {
                throw new InvalidEntityException(where + ": exact field " + info.getName()
                        + " is missing (exact fields can't be wildcards)");
            }
        }
        // Sorted by id so two specs of one entry, written in different orders, encode the same.
        fields.sort(Comparator.comparingInt(FieldMatch::getFieldId));
        entry.addAllMatch(fields);
    }

    private static void encodePriority(TableEntrySpec spec, Table table, String where) {
        boolean needs = P4InfoIndex.needsPriority(table);
        if (needs && spec.priority() == 0) {
            throw new InvalidEntityException(where + ": table " + table.getPreamble().getName()
                    + " has ternary, range or optional fields, so the entry needs a priority");
        }
        if (!needs && spec.priority() != 0) {
            throw new InvalidEntityException(where + ": table " + table.getPreamble().getName()
                    + " has only exact and LPM fields, so the entry must not have a priority");
        }
    }

    private static FieldMatch encodeMatch(MatchField info, Match match, String where) {
        int width = info.getBitwidth();
        FieldMatch.Builder out = FieldMatch.newBuilder().setFieldId(info.getId());
        MatchField.MatchType kind = info.getMatchType();
        if (!kind.name().equals(match.kind().name())) {
            throw new InvalidEntityException(where + " is a " + kind + " field, but was given a " + match.kind()
                    + " match");
        }
        checkWidth(match.value(), width, where);
        switch (match.kind()) {
            case EXACT:
                out.setExact(FieldMatch.Exact.newBuilder().setValue(bytes(match.value())));
                break;
            case TERNARY:
                checkWidth(match.mask(), width, where + " mask");
                if (match.mask().isZero()) {
                    throw new InvalidEntityException(where + ": a zero mask matches anything; leave the field out");
                }
                if (!match.value().isCoveredBy(match.mask())) {
                    throw new InvalidEntityException(where + ": value " + match.value() + " has bits outside mask "
                            + match.mask());
                }
                out.setTernary(FieldMatch.Ternary.newBuilder().setValue(bytes(match.value()))
                        .setMask(bytes(match.mask())));
                break;
            case LPM:
                int prefix = match.prefixLength();
                if (prefix == 0 || prefix > width) {
                    throw new InvalidEntityException(where + ": prefix length " + prefix + " is not within 1.." + width
                            + (prefix == 0 ? " (leave the field out to match anything)" : ""));
                }
                if (!match.value().isCoveredBy(P4Value.prefixMask(prefix, width))) {
                    throw new InvalidEntityException(where + ": value " + match.value() + " has bits set past the /"
                            + prefix + " prefix");
                }
                out.setLpm(FieldMatch.LPM.newBuilder().setValue(bytes(match.value())).setPrefixLen(prefix));
                break;
            case RANGE:
                checkWidth(match.high(), width, where + " high end");
                if (match.value().toBigInteger().compareTo(match.high().toBigInteger()) > 0) {
                    throw new InvalidEntityException(where + ": range low " + match.value() + " is above high "
                            + match.high());
                }
                out.setRange(FieldMatch.Range.newBuilder().setLow(bytes(match.value())).setHigh(bytes(match.high())));
                break;
            case OPTIONAL:
                out.setOptional(FieldMatch.Optional.newBuilder().setValue(bytes(match.value())));
                break;
            default:
                throw new InvalidEntityException(where + ": unsupported match kind " + match.kind());
        }
        return out.build();
    }

    private Action encodeAction(TableEntrySpec spec, Table table, String where) {
        ActionSpec action = spec.action();
        P4InfoOuterClass.Action info = checked(() -> index.action(action.name()), where);
        ActionRef ref = checked(() -> index.actionRef(table, info), where);
        String actionName = info.getPreamble().getName();
        if (spec.isDefaultAction() && ref.getScope() == ActionRef.Scope.TABLE_ONLY) {
            throw new InvalidEntityException(where + ": action " + actionName + " may not be the default action");
        }
        if (!spec.isDefaultAction() && ref.getScope() == ActionRef.Scope.DEFAULT_ONLY) {
            throw new InvalidEntityException(where + ": action " + actionName + " may only be the default action");
        }
        return encodeAction(action, info, where);
    }

    /** Encodes an action with all its parameters; shared with anything else that carries actions. */
    static Action encodeAction(ActionSpec action, P4InfoOuterClass.Action info, String where) {
        String actionWhere = where + ": action " + info.getPreamble().getName();
        Action.Builder out = Action.newBuilder().setActionId(info.getPreamble().getId());
        for (Map.Entry<String, P4Value> p : action.params().entrySet()) {
            P4InfoOuterClass.Action.Param param = checked(() -> P4InfoIndex.param(info, p.getKey()), where);
            checkWidth(p.getValue(), param.getBitwidth(), actionWhere + " parameter " + p.getKey());
            out.addParams(Action.Param.newBuilder().setParamId(param.getId()).setValue(bytes(p.getValue())));
        }
        for (P4InfoOuterClass.Action.Param param : info.getParamsList()) {
            if (!action.params().containsKey(param.getName())) {
                throw new InvalidEntityException(actionWhere + ": parameter " + param.getName() + " ("
                        + param.getBitwidth() + " bits) is missing");
            }
        }
        return out.build();
    }

    /** Reads an entry the switch returned back into names and canonical values. */
    public TableEntrySpec decode(TableEntry entry) {
        Table table = index.table(entry.getTableId());
        String tableName = table.getPreamble().getName();
        ActionSpec action = entry.hasAction() && entry.getAction().hasAction()
                ? decodeAction(entry.getAction().getAction()) : null;
        if (entry.getIsDefaultAction()) {
            return TableEntrySpec.defaultAction(tableName, action);
        }
        TableEntrySpec.Builder spec = TableEntrySpec.builder(tableName);
        for (FieldMatch field : entry.getMatchList()) {
            MatchField info = P4InfoIndex.matchField(table, field.getFieldId());
            spec.match(info.getName(), decodeMatch(field, tableName + " field " + info.getName()));
        }
        if (entry.getPriority() != 0) {
            spec.priority(entry.getPriority());
        }
        if (action != null) {
            spec.action(action);
        }
        return spec.build();
    }

    private ActionSpec decodeAction(Action action) {
        P4InfoOuterClass.Action info = index.action(action.getActionId());
        ActionSpec out = ActionSpec.of(info.getPreamble().getName());
        for (Action.Param p : action.getParamsList()) {
            out = out.param(P4InfoIndex.param(info, p.getParamId()).getName(), value(p.getValue()));
        }
        return out;
    }

    private static Match decodeMatch(FieldMatch field, String where) {
        switch (field.getFieldMatchTypeCase()) {
            case EXACT:
                return Match.exact(value(field.getExact().getValue()));
            case TERNARY:
                return Match.ternary(value(field.getTernary().getValue()), value(field.getTernary().getMask()));
            case LPM:
                return Match.lpm(value(field.getLpm().getValue()), field.getLpm().getPrefixLen());
            case RANGE:
                return Match.range(value(field.getRange().getLow()), value(field.getRange().getHigh()));
            case OPTIONAL:
                return Match.optional(value(field.getOptional().getValue()));
            default:
                throw new InvalidEntityException(where + ": the switch returned an unsupported match kind "
                        + field.getFieldMatchTypeCase());
        }
    }

    static void checkWidth(P4Value value, int width, String where) {
        if (!value.fitsIn(width)) {
            throw new InvalidEntityException(where + ": value " + value + " (" + value.toBigInteger() + ") needs "
                    + value.bitLength() + " bits but the field is " + width + " bits wide (max "
                    + BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE) + ")");
        }
    }

    static ByteString bytes(P4Value value) {
        return ByteString.copyFrom(value.bytes());
    }

    /** Reads bytes from the switch; tolerates an empty string as zero, as some targets send it. */
    static P4Value value(ByteString bytes) {
        return bytes.isEmpty() ? P4Value.of(0) : P4Value.of(bytes.toByteArray());
    }

    /** Runs a P4Info lookup and prefixes its error with the entity being encoded. */
    static <T> T checked(Supplier<T> lookup, String where) {
        try {
            return lookup.get();
        } catch (InvalidEntityException e) {
            throw new InvalidEntityException(where + ": " + e.getMessage());
        }
    }
}
