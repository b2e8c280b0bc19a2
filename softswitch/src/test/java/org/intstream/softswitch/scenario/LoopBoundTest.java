package org.intstream.softswitch.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.intstream.softswitch.Frames;
import org.intstream.softswitch.TestPrograms;
import org.intstream.softswitch.engine.SwitchCore;
import org.intstream.softswitch.model.P4Program;
import org.intstream.softswitch.model.ProgramLoader;
import org.intstream.softswitch.tm.ReplicationEngine;
import org.junit.jupiter.api.Test;

/**
 * A program that recirculates more often than the switch allows: loops.p4 with its round limit raised
 * from 3 to 255, so a packet would take 255 passes. The switch stops it after
 * {@link SwitchCore#MAX_INGRESS_PASSES} passes, counts the drop, and goes on with the next packet.
 */
class LoopBoundTest {

    @Test
    void endlessRecirculationIsCutOffAndCounted() {
        String json = TestPrograms.resource("loops.json");
        String limit = "\"value\" : [\"pass\", \"rounds\"]\n                  },\n                  \"right\" : {\n"
                + "                    \"type\" : \"hexstr\",\n                    \"value\" : \"0x03\"";
        assertThat(json).contains(limit);
        P4Program program = ProgramLoader.parse(json.replace(limit, limit.replace("0x03", "0xff")), "loops.json");
        SwitchCore sw = new SwitchCore(program, new ReplicationEngine());

        byte[] looping = Frames.frame().ethernet(0x000000000200L, 1, 0x0800).hex("00".repeat(20)).build();
        byte[] plain = Frames.frame().ethernet(0x000000000000L, 1, 0x0800).hex("00".repeat(20)).build();

        assertThat(sw.process(1, looping, 0, looping.length, 1)).isEmpty();
        assertThat(sw.loopDrops()).isEqualTo(1);
        assertThat(sw.process(1, plain, 0, plain.length, 2)).hasSize(1);
    }
}
