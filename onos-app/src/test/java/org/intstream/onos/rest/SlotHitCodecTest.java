package org.intstream.onos.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.intstream.controller.dataplane.SlotHit;
import org.intstream.onos.testing.TestCodecContext;
import org.intstream.onos.testing.TestCodecService;
import org.junit.jupiter.api.Test;

class SlotHitCodecTest {
    private final TestCodecContext context = new TestCodecContext(new TestCodecService());

    @Test
    void encode() {
        SlotHit hit = new SlotHit("ddos", 2, 7, 70_000_000L, new int[] {0, 0xC0A80001, 17, 0, 53});
        assertThat(new SlotHitCodec().encode(hit, context).toString()).isEqualTo("{\"query\":\"ddos\",\"slot\":2,"
                + "\"epoch\":7,\"windowStartUs\":70000000,"
                + "\"key\":{\"src\":\"0.0.0.0\",\"dst\":\"192.168.0.1\",\"proto\":17,\"sport\":0,\"dport\":53}}");
    }

    @Test
    void encodeKeepsUnsignedFieldsUnsigned() {
        // An address above 127.255.255.255 is a negative int; ports are 16-bit.
        SlotHit hit = new SlotHit("q", 0, 0, 0L, new int[] {0xFFFFFFFF, 0x80000000, 255, 65535, 65535});
        assertThat(new SlotHitCodec().encode(List.of(hit), context).get(0).get("key").toString())
                .isEqualTo("{\"src\":\"255.255.255.255\",\"dst\":\"128.0.0.0\",\"proto\":255,\"sport\":65535,"
                        + "\"dport\":65535}");
    }
}
