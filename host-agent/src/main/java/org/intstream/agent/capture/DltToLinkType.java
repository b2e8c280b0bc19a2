package org.intstream.agent.capture;

import org.intstream.engine.packet.LinkTypes;

/**
 * Maps libpcap's {@code DLT_*} values, which {@code pcap_datalink} returns and which differ between
 * platforms for a few types, to the platform-independent {@code LINKTYPE_*} values that
 * {@link org.intstream.engine.source.RawFrame#linkType} carries (the mapping of libpcap's pcap-common.c).
 */
final class DltToLinkType {
    static final int LINKTYPE_ATM_RFC1483 = 100;

    private static final int DLT_ATM_RFC1483 = 11;

    private DltToLinkType() {
    }

    static int map(int dlt) {
        switch (dlt) {
            case DLT_ATM_RFC1483:
                return LINKTYPE_ATM_RFC1483;
            case LinkTypes.RAW_BSD:
            case LinkTypes.RAW_OPENBSD:
                return LinkTypes.RAW;
            default:
                // Every other DLT in use on Linux (EN10MB=1, LINUX_SLL=113, LINUX_SLL2=276, ...) equals its
                // LINKTYPE.
                return dlt;
        }
    }
}
