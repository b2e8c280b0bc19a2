package org.intstream.onos.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.intstream.onos.query.WiredIntStreamManager;
import org.junit.jupiter.api.Test;

class SwitchesWebResourceTest extends IntStreamResourceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void getSwitches() throws IOException {
        manager.mastership.setLocalMaster(WiredIntStreamManager.S2, false);
        JsonNode switches = MAPPER.readTree(target("switches").request().get(String.class)).get("switches");
        assertThat(switches).hasSize(2);
        assertThat(switches.get(0).get("name").asText()).isEqualTo("device:s1");
        assertThat(switches.get(0).get("master").asBoolean()).isTrue();
        assertThat(switches.get(0).get("epochs_read").asLong()).isZero();
        assertThat(switches.get(0).has("clock")).as("not measured yet").isFalse();
        assertThat(switches.get(1).get("name").asText()).isEqualTo("device:s2");
        assertThat(switches.get(1).get("master").asBoolean()).isFalse();
    }

    /** The devices here answer no probe: the calibration fails, and says so with the switch. */
    @Test
    void getSwitchesShowsWhyAClockCouldNotBeCalibrated() throws IOException {
        manager.runtimeManager.probeAnswerMillis(1);
        manager.runtimeManager.runCalibrations();
        JsonNode s1 = MAPPER.readTree(target("switches").request().get(String.class)).get("switches").get(0);
        assertThat(s1.get("clock_error").asText()).isEqualTo("switch device:s1: clock calibration failed: none of 16 "
                + "clock probes was answered within 1 ms each: the switch sent no report for them");
        assertThat(s1.has("clock")).isFalse();
    }
}
