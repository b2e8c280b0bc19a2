package org.intstream.p4runtime;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import p4.config.v1.P4InfoOuterClass.Action;
import p4.config.v1.P4InfoOuterClass.ActionRef;
import p4.config.v1.P4InfoOuterClass.ControllerPacketMetadata;
import p4.config.v1.P4InfoOuterClass.Counter;
import p4.config.v1.P4InfoOuterClass.MatchField;
import p4.config.v1.P4InfoOuterClass.Meter;
import p4.config.v1.P4InfoOuterClass.P4Info;
import p4.config.v1.P4InfoOuterClass.Preamble;
import p4.config.v1.P4InfoOuterClass.Table;

/**
 * Looks up the P4Info's objects by name (the full name such as {@code Ingress.acl} or the alias {@code acl})
 * and by id, with their match fields, parameters and widths. Every miss is an {@link InvalidEntityException}
 * that lists what does exist, so a misspelt name is fixed from the message alone.
 */
public final class P4InfoIndex {

    private final P4Info p4info;
    private final Named<Table> tables;
    private final Named<Action> actions;
    private final Named<Counter> counters;
    private final Named<Meter> meters;
    private final Named<ControllerPacketMetadata> packetMetadata;

    public P4InfoIndex(P4Info p4info) {
        this.p4info = Objects.requireNonNull(p4info, "p4info can't be null");
        this.tables = new Named<>("table", p4info.getTablesList(), Table::getPreamble);
        this.actions = new Named<>("action", p4info.getActionsList(), Action::getPreamble);
        this.counters = new Named<>("counter", p4info.getCountersList(), Counter::getPreamble);
        this.meters = new Named<>("meter", p4info.getMetersList(), Meter::getPreamble);
        this.packetMetadata = new Named<>("controller packet header", p4info.getControllerPacketMetadataList(),
                ControllerPacketMetadata::getPreamble);
    }

    public P4Info p4info() {
        return p4info;
    }

    public Table table(String name) {
        return tables.byName(name);
    }

    public Table table(int id) {
        return tables.byId(id);
    }

    public Action action(String name) {
        return actions.byName(name);
    }

    public Action action(int id) {
        return actions.byId(id);
    }

    public Counter counter(String name) {
        return counters.byName(name);
    }

    public Counter counter(int id) {
        return counters.byId(id);
    }

    public Meter meter(String name) {
        return meters.byName(name);
    }

    public Meter meter(int id) {
        return meters.byId(id);
    }

    /** The {@code packet_in} or {@code packet_out} header's metadata list. */
    public ControllerPacketMetadata packetMetadata(String name) {
        return packetMetadata.byName(name);
    }

    public static MatchField matchField(Table table, String name) {
        for (MatchField field : table.getMatchFieldsList()) {
            if (field.getName().equals(name)) {
                return field;
            }
        }
        throw new InvalidEntityException("table " + table.getPreamble().getName() + " has no match field '" + name
                + "'; its fields: " + table.getMatchFieldsList().stream().map(MatchField::getName)
                        .collect(Collectors.joining(", ")));
    }

    public static MatchField matchField(Table table, int id) {
        for (MatchField field : table.getMatchFieldsList()) {
            if (field.getId() == id) {
                return field;
            }
        }
        throw new InvalidEntityException("table " + table.getPreamble().getName() + " has no match field id " + id);
    }

    public static Action.Param param(Action action, String name) {
        for (Action.Param param : action.getParamsList()) {
            if (param.getName().equals(name)) {
                return param;
            }
        }
        throw new InvalidEntityException("action " + action.getPreamble().getName() + " has no parameter '" + name
                + "'; its parameters: " + describe(action.getParamsList().stream().map(Action.Param::getName)
                        .collect(Collectors.toList())));
    }

    public static Action.Param param(Action action, int id) {
        for (Action.Param param : action.getParamsList()) {
            if (param.getId() == id) {
                return param;
            }
        }
        throw new InvalidEntityException("action " + action.getPreamble().getName() + " has no parameter id " + id);
    }

    /** The action's reference in the table, or an error naming the actions the table does allow. */
    public ActionRef actionRef(Table table, Action action) {
        for (ActionRef ref : table.getActionRefsList()) {
            if (ref.getId() == action.getPreamble().getId()) {
                return ref;
            }
        }
        throw new InvalidEntityException("table " + table.getPreamble().getName() + " does not allow action "
                + action.getPreamble().getName() + "; it allows: " + table.getActionRefsList().stream()
                        .map(ref -> actions.byId(ref.getId()).getPreamble().getName())
                        .collect(Collectors.joining(", ")));
    }

    /** True when an entry of the table needs a priority: it has a ternary, range or optional field. */
    public static boolean needsPriority(Table table) {
        for (MatchField field : table.getMatchFieldsList()) {
            switch (field.getMatchType()) {
                case TERNARY:
                case RANGE:
                case OPTIONAL:
                    return true;
                default:
                    break;
            }
        }
        return false;
    }

    private static String describe(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** One kind of P4Info object, by full name, alias and id. */
    private static final class Named<T> {
        private final String kind;
        private final Map<String, T> byName = new LinkedHashMap<>();
        private final Map<String, T> byAlias = new HashMap<>();
        private final Map<Integer, T> byId = new HashMap<>();
        private final Function<T, Preamble> preamble;

        Named(String kind, List<T> items, Function<T, Preamble> preamble) {
            this.kind = kind;
            this.preamble = preamble;
            for (T item : items) {
                Preamble p = preamble.apply(item);
                byName.put(p.getName(), item);
                if (!p.getAlias().isEmpty()) {
                    byAlias.put(p.getAlias(), item);
                }
                byId.put(p.getId(), item);
            }
        }

        T byName(String name) {
            Objects.requireNonNull(name, kind + " name can't be null");
            T item = byName.get(name);
            if (item == null) {
                item = byAlias.get(name);
            }
            if (item == null) {
                throw new InvalidEntityException("unknown " + kind + " '" + name + "'; the P4Info has: "
                        + describe(byName.values().stream().map(this::label).collect(Collectors.toList())));
            }
            return item;
        }

        T byId(int id) {
            T item = byId.get(id);
            if (item == null) {
                throw new InvalidEntityException("the P4Info has no " + kind + " with id " + id
                        + " (is the switch running another pipeline?)");
            }
            return item;
        }

        private String label(T item) {
            Preamble p = preamble.apply(item);
            return p.getAlias().isEmpty() || p.getAlias().equals(p.getName())
                    ? p.getName() : p.getName() + " (" + p.getAlias() + ")";
        }
    }
}
