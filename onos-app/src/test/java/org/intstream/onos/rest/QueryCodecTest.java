package org.intstream.onos.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.intstream.onos.IntStreamQuery;
import org.intstream.onos.QueryStatus;
import org.intstream.onos.testing.TestCodecContext;
import org.intstream.onos.testing.TestCodecService;
import org.junit.jupiter.api.Test;

class QueryCodecTest {
    private final TestCodecContext context = new TestCodecContext(new TestCodecService());

    @Test
    void encode() {
        IntStreamQuery q = new IntStreamQuery("port_scan", "query port_scan(threshold = 100)\n  packets\n",
                Map.of("window", "5s", "threshold", "20"), QueryStatus.ON_SWITCHES,
                List.of("device:s1", "device:s2"), "point-local: the key (ip.src) is seen at one point only");
        ObjectNode json = new QueryCodec().encode(q, context);
        assertThat(json.toString()).isEqualTo("{\"name\":\"port_scan\",\"status\":\"ON_SWITCHES\","
                + "\"devices\":[\"device:s1\",\"device:s2\"],\"parameters\":{\"threshold\":\"20\",\"window\":\"5s\"},"
                + "\"estimates\":false,\"note\":\"point-local: the key (ip.src) is seen at one point only\","
                + "\"text\":\"query port_scan(threshold = 100)\\n  packets\\n\"}");
    }

    @Test
    void encodeAQueryOnlyHostsRun() {
        IntStreamQuery q = new IntStreamQuery("tcp_rtt", "query tcp_rtt", Map.of(), QueryStatus.HOSTS_ONLY,
                List.of(), "line 6, column 5: no switch");
        ObjectNode json = new QueryCodec().encode(q, context);
        assertThat(json.get("status").asText()).isEqualTo("HOSTS_ONLY");
        assertThat(json.get("devices").size()).isZero();
        assertThat(json.get("parameters").size()).isZero();
        assertThat(json.get("note").asText()).isEqualTo("line 6, column 5: no switch");
    }

    @Test
    void decodeIsNotOffered() {
        // Submissions are text plus parameters (QueriesWebResource reads them); a stored query is never posted.
        assertThatThrownBy(() -> new QueryCodec().decode(context.mapper().createObjectNode(), context))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
