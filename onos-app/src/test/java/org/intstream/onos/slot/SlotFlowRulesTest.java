package org.intstream.onos.slot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.intstream.onos.pipeconf.PipeconfLoader;
import org.intstream.onos.testing.ModelConformance;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.partition.NotSwitchPlaceableException;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.SwitchStageExtractor;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.query.switchgen.SlotProgram;
import org.intstream.query.switchgen.SwitchResourceException;
import org.intstream.query.switchgen.TableEntrySpec;
import org.junit.jupiter.api.Test;
import org.onosproject.TestApplicationId;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.pi.model.PiPipelineModel;

class SlotFlowRulesTest {
    private static final DeviceId S1 = DeviceId.deviceId("device:s1");
    private static final ApplicationId APP = new TestApplicationId("org.intstream.app");
    private static final PiPipelineModel MODEL = PipeconfLoader.pipelineModel();

    @Test
    void everyPlaceableShippedQueryFitsEverySlotOfTheP4Info() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("..", "queries"))) {
            files = s.filter(p -> p.toString().endsWith(".isq")).sorted().collect(Collectors.toList());
        }
        int placed = 0;
        for (Path f : files) {
            SwitchStage stage;
            try {
                stage = SwitchStageExtractor.extract(DslParser.parseQuery(Files.readString(f, StandardCharsets.UTF_8)),
                        Map.of());
                SlotProgram.checkFits(stage);
            } catch (NotSwitchPlaceableException | SwitchResourceException e) {
                continue;
            }
            for (int slot = 0; slot < IntStreamP4.SLOTS; slot++) {
                SlotProgram program = SlotProgram.of(stage, slot);
                List<FlowRule> rules = SlotFlowRules.of(program, S1, APP, MODEL);
                assertThat(rules).hasSize(program.entries().size());
                for (FlowRule r : rules) {
                    ModelConformance.assertConforms(r, MODEL);
                    assertThat(r.table().toString()).isEqualTo(IntStreamP4.slotFilter(slot));
                }
            }
            placed++;
        }
        assertThat(placed).as("shipped queries with a switch stage").isGreaterThanOrEqualTo(5);
    }

    private static Map<String, BigInteger> configure(long threshold) {
        Map<String, BigInteger> p = new LinkedHashMap<>();
        for (String n : List.of("key_src", "key_dst", "key_proto", "key_sport", "key_dport", "distinct_src",
                "distinct_dst", "distinct_proto", "distinct_sport", "distinct_dport", "distinct", "byte_sum",
                "reciprocal", "row_width_mask")) {
            p.put(n, BigInteger.ONE);
        }
        p.put("report_threshold", BigInteger.valueOf(threshold));
        return p;
    }

    private static TableEntrySpec entry(String table, String field, long threshold) {
        return new TableEntrySpec(table, Map.of(field, new TableEntrySpec.Match(BigInteger.ONE, BigInteger.ONE)), 1,
                table.replace("filter", "configure"), configure(threshold));
    }

    @Test
    void entriesThatDisagreeWithTheP4InfoAreRefusedByName() {
        String filter = IntStreamP4.slotFilter(2);
        assertThat(SlotFlowRules.toFlowRule(entry(filter, "ipv4_src", 5), S1, APP, MODEL).priority()).isEqualTo(1);
        assertThatThrownBy(() -> SlotFlowRules.toFlowRule(entry("IntStreamIngress.slot9.filter", "ipv4_src", 5), S1,
                APP, MODEL)).hasMessageContaining("the P4Info has no table IntStreamIngress.slot9.filter");
        assertThatThrownBy(() -> SlotFlowRules.toFlowRule(entry(filter, "ipv6_src", 5), S1, APP, MODEL))
                .hasMessageContaining("has no match field ipv6_src");
        assertThatThrownBy(() -> SlotFlowRules.toFlowRule(entry(filter, "ipv4_src", 1L << 32), S1, APP, MODEL))
                .hasMessageContaining("parameter report_threshold: 4294967296 does not fit 32 bits");
        Map<String, BigInteger> missing = configure(5);
        missing.remove("reciprocal");
        assertThatThrownBy(() -> SlotFlowRules.toFlowRule(new TableEntrySpec(filter, Map.of(), 1,
                IntStreamP4.slotConfigure(2), missing), S1, APP, MODEL))
                .hasMessageContaining("parameter reciprocal of IntStreamIngress.slot2.configure has no value");
        Map<String, BigInteger> extra = configure(5);
        extra.put("window", BigInteger.TEN);
        assertThatThrownBy(() -> SlotFlowRules.toFlowRule(new TableEntrySpec(filter, Map.of(), 1,
                IntStreamP4.slotConfigure(2), extra), S1, APP, MODEL))
                .hasMessageContaining("has no parameter window");
        assertThatThrownBy(() -> SlotFlowRules.toFlowRule(new TableEntrySpec(filter, Map.of(), 1,
                IntStreamP4.slotConfigure(1), configure(5)), S1, APP, MODEL))
                .hasMessageContaining("has no action IntStreamIngress.slot1.configure");
        assertThatThrownBy(() -> SlotFlowRules.toFlowRule(new TableEntrySpec(IntStreamP4.EDGE_PORTS_TABLE,
                Map.of("ingress_port", new TableEntrySpec.Match(BigInteger.ONE, BigInteger.valueOf(511))), 0,
                IntStreamP4.MARK_EDGE, Map.of()), S1, APP, MODEL)).hasMessageContaining("is EXACT, not ternary");
    }

    @Test
    void aFilterThatAdmitsEverythingIsAWildcardEntry() {
        FlowRule r = SlotFlowRules.toFlowRule(new TableEntrySpec(IntStreamP4.slotFilter(0), Map.of(), 1,
                IntStreamP4.slotConfigure(0), configure(5)), S1, APP, MODEL);
        assertThat(r.selector().criteria()).isEmpty();
        ModelConformance.assertConforms(r, MODEL);
    }
}
