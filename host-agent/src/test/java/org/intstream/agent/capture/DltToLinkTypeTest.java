package org.intstream.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.intstream.engine.packet.LinkTypes;
import org.junit.jupiter.api.Test;

class DltToLinkTypeTest {

    @Test
    void platformSpecificDltsBecomeTheirLinktype() {
        assertThat(DltToLinkType.map(12)).isEqualTo(LinkTypes.RAW);
        assertThat(DltToLinkType.map(14)).isEqualTo(LinkTypes.RAW);
        assertThat(DltToLinkType.map(11)).isEqualTo(DltToLinkType.LINKTYPE_ATM_RFC1483);
    }

    @Test
    void sharedValuesPassThrough() {
        assertThat(DltToLinkType.map(1)).isEqualTo(LinkTypes.ETHERNET);
        assertThat(DltToLinkType.map(113)).isEqualTo(LinkTypes.LINUX_SLL);
        assertThat(DltToLinkType.map(276)).isEqualTo(LinkTypes.LINUX_SLL2);
    }
}
