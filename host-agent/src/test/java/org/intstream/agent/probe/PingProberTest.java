package org.intstream.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.intstream.engine.probe.ProbeResult;
import org.intstream.query.type.IpAddress;
import org.junit.jupiter.api.Test;

/** ping(8)'s output and exit status as probe results (iputils 20221126's wording). */
class PingProberTest {
    private static final IpAddress TARGET = IpAddress.parse("10.0.0.2");

    @Test
    void aReplyGivesItsTimeInMicroseconds() {
        ProbeResult r = PingProber.parse(TARGET, 0, "PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.\n"
                + "64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=20.3 ms\n\n--- 10.0.0.2 ping statistics ---\n"
                + "1 packets transmitted, 1 received, 0% packet loss, time 0ms\nrtt min/avg/max/mdev = "
                + "20.306/20.306/20.306/0.000 ms\n");
        assertThat(r.lost()).isFalse();
        assertThat(r.rttMicros()).isEqualTo(20_300L);
        assertThat(r.error()).isNull();
    }

    @Test
    void noReplyIsATimeoutAndAnUnreachableHostSaysSo() {
        assertThat(PingProber.parse(TARGET, 1, "PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.\n\n--- 10.0.0.2 ping "
                + "statistics ---\n1 packets transmitted, 0 received, 100% packet loss, time 0ms\n").error())
                .isEqualTo("timeout");
        ProbeResult unreachable = PingProber.parse(TARGET, 1, "From 10.0.0.1 icmp_seq=1 Destination Host Unreachable\n");
        assertThat(unreachable.lost()).isTrue();
        assertThat(unreachable.error()).isEqualTo("unreachable");
    }

    @Test
    void anErrorOfPingItselfIsItsLastLine() {
        ProbeResult r = PingProber.parse(TARGET, 2, "ping: connect: Network is unreachable\n");
        assertThat(r.lost()).isTrue();
        assertThat(r.error()).isEqualTo("ping: connect: Network is unreachable");
    }

    @Test
    void identifiersStayWithinSixteenBits() {
        assertThatThrownBy(() -> new PingProber("ping", 65500, 64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ICMP identifiers lie in 0..65535, not 65500 and 63 more");
        assertThat(AgentProbers.firstIcmpIdentifier(65535)).isEqualTo(65536 - AgentProbers.ICMP_IDENTIFIERS);
        assertThat(AgentProbers.rttSourcePort(65535)).isEqualTo(65534);
    }
}
