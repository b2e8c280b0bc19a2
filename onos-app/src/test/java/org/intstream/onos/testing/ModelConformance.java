package org.intstream.onos.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.PiCriterion;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.PiInstruction;
import org.onosproject.net.pi.model.PiActionModel;
import org.onosproject.net.pi.model.PiActionParamModel;
import org.onosproject.net.pi.model.PiMatchFieldModel;
import org.onosproject.net.pi.model.PiPipelineModel;
import org.onosproject.net.pi.model.PiTableId;
import org.onosproject.net.pi.model.PiTableModel;
import org.onosproject.net.pi.runtime.PiAction;
import org.onosproject.net.pi.runtime.PiActionParam;
import org.onosproject.net.pi.runtime.PiExactFieldMatch;
import org.onosproject.net.pi.runtime.PiFieldMatch;
import org.onosproject.net.pi.runtime.PiTernaryFieldMatch;

/**
 * What ONOS's flow rule translator and a P4Runtime server would check of a rule written in PI terms: the
 * table, each match field (kind and byte width), masked value bits, the action being one of the table's,
 * and every parameter present at its byte width.
 */
public final class ModelConformance {
    private ModelConformance() {
    }

    public static void assertConforms(FlowRule rule, PiPipelineModel model) {
        assertThat(rule.table()).as("table of %s", rule).isInstanceOf(PiTableId.class);
        PiTableModel table = model.table((PiTableId) rule.table()).orElse(null);
        assertThat(table).as("table %s in the P4Info", rule.table()).isNotNull();
        for (Criterion c : rule.selector().criteria()) {
            assertThat(c.type()).as("criterion %s of %s", c, rule).isEqualTo(Criterion.Type.PROTOCOL_INDEPENDENT);
            for (PiFieldMatch m : ((PiCriterion) c).fieldMatches()) {
                PiMatchFieldModel f = table.matchField(m.fieldId()).orElse(null);
                assertThat(f).as("field %s of %s", m.fieldId(), table.id()).isNotNull();
                assertThat(m.type()).as("match kind of %s", m.fieldId()).isEqualTo(f.matchType());
                int bytes = (f.bitWidth() + 7) / 8;
                if (m instanceof PiTernaryFieldMatch) {
                    PiTernaryFieldMatch t = (PiTernaryFieldMatch) m;
                    assertThat(t.value().size()).as("bytes of %s", m.fieldId()).isEqualTo(bytes);
                    assertThat(t.mask().size()).as("mask bytes of %s", m.fieldId()).isEqualTo(bytes);
                    byte[] v = t.value().asArray();
                    byte[] k = t.mask().asArray();
                    for (int i = 0; i < bytes; i++) {
                        assertThat(v[i] & ~k[i]).as("value bits outside the mask of %s", m.fieldId()).isZero();
                    }
                } else if (m instanceof PiExactFieldMatch) {
                    assertThat(((PiExactFieldMatch) m).value().size()).as("bytes of %s", m.fieldId()).isEqualTo(bytes);
                }
            }
        }
        PiAction action = null;
        for (Instruction i : rule.treatment().allInstructions()) {
            assertThat(i).as("instruction of %s", rule).isInstanceOf(PiInstruction.class);
            action = (PiAction) ((PiInstruction) i).action();
        }
        assertThat(action).as("action of %s", rule).isNotNull();
        PiActionModel am = table.action(action.id()).orElse(null);
        assertThat(am).as("action %s of %s", action.id(), table.id()).isNotNull();
        Set<Object> given = new HashSet<>();
        for (PiActionParam p : action.parameters()) {
            PiActionParamModel pm = am.param(p.id()).orElse(null);
            assertThat(pm).as("parameter %s of %s", p.id(), am.id()).isNotNull();
            assertThat(p.value().size()).as("bytes of %s", p.id()).isEqualTo((pm.bitWidth() + 7) / 8);
            given.add(p.id());
        }
        for (PiActionParamModel pm : am.params()) {
            assertThat(given).as("parameters of %s", am.id()).contains(pm.id());
        }
        if (table.matchFields().stream().anyMatch(f -> f.matchType() == org.onosproject.net.pi.model.PiMatchType.TERNARY)) {
            assertThat(rule.priority()).as("priority of a ternary entry").isPositive();
        }
    }
}
