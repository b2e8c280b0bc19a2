package org.intstream.onos.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.intstream.controller.dataplane.SlotHit;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.onos.IntStreamQuery;
import org.intstream.onos.testing.TestCodecService;
import org.junit.jupiter.api.Test;

class CodecRegistratorTest {
    @Test
    void activateRegistersAndDeactivateUnregistersTheCodecs() {
        TestCodecService codecs = new TestCodecService();
        CodecRegistrator registrator = new CodecRegistrator();
        registrator.codecService = codecs;
        registrator.activate();
        assertThat(codecs.getCodec(IntStreamQuery.class)).isInstanceOf(QueryCodec.class);
        assertThat(codecs.getCodec(SlotHit.class)).isInstanceOf(SlotHitCodec.class);
        assertThat(codecs.getCodec(SwitchRuntime.class)).isInstanceOf(SwitchCodec.class);
        registrator.deactivate();
        assertThat(codecs.getCodecs()).isEmpty();
    }
}
