package org.intstream.onos.slot;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.intstream.query.switchgen.SlotProgram;
import org.intstream.query.switchgen.TableEntrySpec;
import org.onlab.util.ImmutableByteSequence;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.criteria.PiCriterion;
import org.onosproject.net.pi.model.PiActionId;
import org.onosproject.net.pi.model.PiActionModel;
import org.onosproject.net.pi.model.PiActionParamId;
import org.onosproject.net.pi.model.PiActionParamModel;
import org.onosproject.net.pi.model.PiMatchFieldId;
import org.onosproject.net.pi.model.PiMatchFieldModel;
import org.onosproject.net.pi.model.PiMatchType;
import org.onosproject.net.pi.model.PiPipelineModel;
import org.onosproject.net.pi.model.PiTableId;
import org.onosproject.net.pi.model.PiTableModel;
import org.onosproject.net.pi.runtime.PiAction;
import org.onosproject.net.pi.runtime.PiActionParam;

/**
 * A query's slot program as ONOS flow rules: each neutral table entry becomes a rule on the slot's filter
 * table with a PI criterion (ternary matches) and a PI action whose parameters carry the entry's values,
 * fitted to the widths the P4Info gives. Every name and width is checked against the pipeline model first,
 * so a program and a P4Info that disagree fail here, naming the entry and the field, not later in the
 * switch.
 */
public final class SlotFlowRules {
    private SlotFlowRules() {
    }

    /**
     * The flow rules that install a program (and, removed, uninstall it).
     *
     * @throws IllegalArgumentException when an entry does not fit the pipeline model
     */
    public static List<FlowRule> of(SlotProgram program, DeviceId device, ApplicationId app, PiPipelineModel model) {
        List<FlowRule> rules = new ArrayList<>();
        for (TableEntrySpec e : program.entries()) {
            rules.add(toFlowRule(e, device, app, model));
        }
        return rules;
    }

    /** One entry as a permanent flow rule. */
    public static FlowRule toFlowRule(TableEntrySpec entry, DeviceId device, ApplicationId app,
            PiPipelineModel model) {
        PiTableModel table = model.table(PiTableId.of(entry.table())).orElseThrow(() -> new IllegalArgumentException(
                "entry " + entry + ": the P4Info has no table " + entry.table()));
        TrafficSelector selector = DefaultTrafficSelector.emptySelector();
        if (!entry.matches().isEmpty()) {
            PiCriterion.Builder pi = PiCriterion.builder();
            for (Map.Entry<String, TableEntrySpec.Match> m : entry.matches().entrySet()) {
                PiMatchFieldModel field = table.matchField(PiMatchFieldId.of(m.getKey()))
                        .orElseThrow(() -> new IllegalArgumentException("entry " + entry + ": table " + table.id()
                                + " has no match field " + m.getKey()));
                if (field.matchType() != PiMatchType.TERNARY) {
                    throw new IllegalArgumentException("entry " + entry + ": match field " + m.getKey() + " of "
                            + table.id() + " is " + field.matchType() + ", not ternary");
                }
                String what = "entry " + entry + ", match field " + m.getKey();
                pi.matchTernary(field.id(), fit(m.getValue().value(), field.bitWidth(), what),
                        fit(m.getValue().mask(), field.bitWidth(), what));
            }
            selector = DefaultTrafficSelector.builder().matchPi(pi.build()).build();
        }
        return DefaultFlowRule.builder()
                .forDevice(device)
                .forTable(table.id())
                .withSelector(selector)
                .withTreatment(DefaultTrafficTreatment.builder().piTableAction(action(entry, table)).build())
                .withPriority(entry.priority())
                .makePermanent()
                .fromApp(app)
                .build();
    }

    private static PiAction action(TableEntrySpec entry, PiTableModel table) {
        PiActionModel action = table.action(PiActionId.of(entry.action())).orElseThrow(() ->
                new IllegalArgumentException("entry " + entry + ": table " + table.id() + " has no action "
                        + entry.action()));
        for (String name : entry.params().keySet()) {
            if (action.param(PiActionParamId.of(name)).isEmpty()) {
                throw new IllegalArgumentException("entry " + entry + ": action " + action.id()
                        + " has no parameter " + name);
            }
        }
        PiAction.Builder b = PiAction.builder().withId(action.id());
        // P4Runtime wants every parameter of the action.
        for (PiActionParamModel p : action.params()) {
            BigInteger value = entry.params().get(p.id().id());
            if (value == null) {
                throw new IllegalArgumentException("entry " + entry + ": parameter " + p.id() + " of "
                        + action.id() + " has no value");
            }
            b.withParameter(new PiActionParam(p.id(), ImmutableByteSequence.copyFrom(
                    fit(value, p.bitWidth(), "entry " + entry + ", parameter " + p.id()))));
        }
        return b.build();
    }

    /** A non-negative value as the bytes of a field of {@code bits} bits. */
    static byte[] fit(BigInteger value, int bits, String what) {
        if (value.signum() < 0 || value.bitLength() > bits) {
            throw new IllegalArgumentException(what + ": " + value + " does not fit " + bits + " bits");
        }
        byte[] out = new byte[(bits + 7) / 8];
        byte[] raw = value.toByteArray();
        int n = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - n, out, out.length - n, n);
        return out;
    }
}
