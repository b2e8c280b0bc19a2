package org.intstream.onos.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.intstream.onos.pipeconf.PipeconfLoader;
import org.intstream.onos.testing.ModelConformance;
import org.junit.jupiter.api.Test;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.instructions.PiInstruction;
import org.onosproject.net.pi.runtime.PiAction;

/** The clock offset as the keyless clock table's default entry, and edge ports, in the model's terms. */
class DeviceSetupRulesTest {
    private static final DeviceId S1 = DeviceId.deviceId("device:s1");
    private static final DefaultApplicationId APP = new DefaultApplicationId(1, "org.intstream.app");

    @Test
    void clockOffset() {
        FlowRule r = DeviceSetupRules.clockOffset(S1, APP, 0x0006_0000_0000_0001L);
        ModelConformance.assertConforms(r, PipeconfLoader.pipelineModel());
        assertThat(r.selector().criteria()).as("no match: the default entry").isEmpty();
        PiAction a = (PiAction) ((PiInstruction) r.treatment().allInstructions().get(0)).action();
        assertThat(a.parameters()).singleElement().satisfies(p -> assertThat(p.value().asArray())
                .containsExactly(0, 6, 0, 0, 0, 0, 0, 1));
    }

    @Test
    void edgePort() {
        FlowRule r = DeviceSetupRules.edgePort(S1, APP, PortNumber.portNumber(511));
        ModelConformance.assertConforms(r, PipeconfLoader.pipelineModel());
        assertThatThrownBy(() -> DeviceSetupRules.edgePort(S1, APP, PortNumber.portNumber(512)))
                .hasMessage("port 512 of device:s1 can't be an edge port of intstream.p4 (ports are 9 bits)");
        assertThatThrownBy(() -> DeviceSetupRules.edgePort(S1, APP, PortNumber.CONTROLLER))
                .hasMessageContaining("can't be an edge port");
    }
}
