package org.intstream.onos.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.ws.rs.core.Response;
import org.intstream.controller.dataplane.SlotHit;
import org.intstream.onos.query.WiredIntStreamManager;
import org.junit.jupiter.api.Test;

class ResultsWebResourceTest extends IntStreamResourceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private void submitPortScan() throws IOException {
        manager.submit(Files.readString(Path.of("..", "queries", "port_scan.isq"), StandardCharsets.UTF_8), Map.of(), true);
    }

    @Test
    void getResults() throws IOException {
        submitPortScan();
        assertThat(target("results/port_scan").request().get(String.class))
                .isEqualTo("{\"results\":[],\"query\":\"port_scan\"}");
        for (int i = 1; i <= 3; i++) {
            manager.report(WiredIntStreamManager.S1, new SlotHit("port_scan", 0, i, i * 10_000_000L,
                    new int[] {0x0A000000 + i, 0, 0, 0, 0}));
        }
        JsonNode all = MAPPER.readTree(target("results/port_scan").request().get(String.class));
        assertThat(all.get("query").asText()).isEqualTo("port_scan");
        assertThat(all.get("results")).hasSize(3);
        assertThat(all.get("results").get(0).toString()).isEqualTo("{\"query\":\"port_scan\",\"slot\":0,\"epoch\":1,"
                + "\"windowStartUs\":10000000,\"key\":{\"src\":\"10.0.0.1\",\"dst\":\"0.0.0.0\",\"proto\":0,"
                + "\"sport\":0,\"dport\":0}}");
        JsonNode last = MAPPER.readTree(target("results/port_scan").queryParam("last", 1).request().get(String.class));
        assertThat(last.get("results")).hasSize(1);
        assertThat(last.get("results").get(0).get("epoch").asLong()).isEqualTo(3);
    }

    @Test
    void getResultsOfAnUnknownQueryIsNotFound() throws IOException {
        Response r = target("results/port_scan").request().get();
        assertThat(r.getStatus()).isEqualTo(404);
        assertThat(MAPPER.readTree(r.readEntity(String.class)).get("message").asText())
                .isEqualTo("no query named port_scan is submitted");
    }

    @Test
    void getResultsRefusesANegativeCount() throws IOException {
        submitPortScan();
        Response r = target("results/port_scan").queryParam("last", -2).request().get();
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(MAPPER.readTree(r.readEntity(String.class)).get("message").asText())
                .isEqualTo("last must be a positive count, not -2");
    }
}
