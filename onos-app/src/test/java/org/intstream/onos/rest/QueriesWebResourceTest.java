package org.intstream.onos.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.ws.rs.client.Entity;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.onos.query.WiredIntStreamManager;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.partition.SwitchStageExtractor;
import org.junit.jupiter.api.Test;

class QueriesWebResourceTest extends IntStreamResourceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String text(String query) throws IOException {
        return Files.readString(Path.of("..", "queries", query + ".isq"), StandardCharsets.UTF_8);
    }

    private Response post(ObjectNode body) {
        return target("queries").request(MediaType.APPLICATION_JSON_TYPE)
                .post(Entity.entity(body.toString(), MediaType.APPLICATION_JSON_TYPE));
    }

    private static JsonNode json(Response r) throws IOException {
        return MAPPER.readTree(r.readEntity(String.class));
    }

    private static ObjectNode submission(String text) {
        return MAPPER.createObjectNode().put("text", text);
    }

    /** A submission that lets switches' estimates stand in for an exact query. */
    private static ObjectNode estimating(String text) {
        return submission(text).put("estimates", true);
    }

    @Test
    void postSubmitsAndAnswersCreated() throws IOException {
        ObjectNode body = estimating(text("port_scan"));
        body.putObject("parameters").put("threshold", 20).put("window", "5s");
        Response r = post(body);

        assertThat(r.getStatus()).isEqualTo(201);
        assertThat(r.getLocation().getPath()).isEqualTo("/queries/port_scan");
        JsonNode q = json(r);
        assertThat(q.get("name").asText()).isEqualTo("port_scan");
        assertThat(q.get("status").asText()).isEqualTo("ON_SWITCHES");
        assertThat(q.get("devices").toString()).isEqualTo("[\"device:s1\",\"device:s2\"]");
        assertThat(q.get("parameters").toString()).isEqualTo("{\"threshold\":\"20\",\"window\":\"5s\"}");
        assertThat(q.get("estimates").asBoolean()).isTrue();
        assertThat(manager.slots.installed(WiredIntStreamManager.S1)).singleElement()
                .satisfies(p -> assertThat(p.stage()).isEqualTo(SwitchStageExtractor.extract(
                        DslParser.parseQuery(text("port_scan")), Map.of("threshold", "20", "window", "5s"))
                        .withThreshold(10))); // each of the two switches reports over half the threshold
    }

    @Test
    void postAnswersBadRequestWithTheReason() throws IOException {
        Response syntax = post(submission("query broken\n  packets\n  | filter ip.proto == \n"));
        assertThat(syntax.getStatus()).isEqualTo(400);
        assertThat(json(syntax).get("message").asText())
                .isEqualTo("line 4, column 1: unexpected end of text; expected an expression");

        ObjectNode unknownParameter = submission(text("port_scan"));
        unknownParameter.putObject("parameters").put("treshold", 20);
        Response param = post(unknownParameter);
        assertThat(param.getStatus()).isEqualTo(400);
        assertThat(json(param).get("message").asText()).contains("query port_scan has no parameter 'treshold'");

        Response noText = post(MAPPER.createObjectNode().put("query", "port_scan"));
        assertThat(noText.getStatus()).isEqualTo(400);
        assertThat(json(noText).get("message").asText())
                .isEqualTo("a submission needs \"text\": the query as a string");

        ObjectNode nested = submission(text("port_scan"));
        nested.putObject("parameters").putObject("threshold");
        assertThat(json(post(nested)).get("message").asText())
                .isEqualTo("parameter 'threshold' must be a string or number");

        ObjectNode notBoolean = submission(text("port_scan")).put("estimates", "yes");
        Response estimates = post(notBoolean);
        assertThat(estimates.getStatus()).isEqualTo(400);
        assertThat(json(estimates).get("message").asText()).isEqualTo("\"estimates\" must be true or false");

        assertThat(manager.queries()).isEmpty();
        assertThat(manager.flowRules.applied).isEmpty();
    }

    @Test
    void anExactQueryWithoutEstimatesStaysAtTheHosts() throws IOException {
        Response r = post(submission(text("port_scan")));
        assertThat(r.getStatus()).isEqualTo(201);
        JsonNode q = json(r);
        assertThat(q.get("status").asText()).isEqualTo("HOSTS_ONLY");
        assertThat(q.get("estimates").asBoolean()).isFalse();
        assertThat(q.get("note").asText()).isEqualTo(SwitchRuntime.NOT_ESTIMATING);
        assertThat(manager.slots.installed(WiredIntStreamManager.S1)).isEmpty();
        assertThat(manager.flowRules.applied).isEmpty();
    }

    @Test
    void postAnswersBadRequestForASecondQueryOfTheSameName() throws IOException {
        assertThat(post(estimating(text("port_scan"))).getStatus()).isEqualTo(201);
        Response again = post(submission(text("port_scan")));
        assertThat(again.getStatus()).isEqualTo(400);
        assertThat(json(again).get("message").asText())
                .isEqualTo("query port_scan is already submitted; remove it first");
    }

    @Test
    void postAnswersConflictWhenASwitchHasNoRoom() throws IOException {
        for (String q : new String[] {"tcp_new_conn", "ddos", "super_spreader", "syn_flood"}) {
            manager.slots.install(WiredIntStreamManager.S2,
                    SwitchStageExtractor.extract(DslParser.parseQuery(text(q)), Map.of()));
        }
        Response r = post(estimating(text("port_scan")));
        assertThat(r.getStatus()).isEqualTo(409);
        assertThat(json(r).get("message").asText()).contains("slot");
        assertThat(manager.queries()).isEmpty();
    }

    @Test
    void getQueries() throws IOException {
        assertThat(target("queries").request().get(String.class)).isEqualTo("{\"queries\":[]}");
        post(submission(text("tcp_rtt"))).close();
        post(estimating(text("port_scan"))).close();
        JsonNode list = MAPPER.readTree(target("queries").request().get(String.class)).get("queries");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("name").asText()).isEqualTo("port_scan");
        assertThat(list.get(1).get("name").asText()).isEqualTo("tcp_rtt");
        assertThat(list.get(1).get("status").asText()).isEqualTo("HOSTS_ONLY");
    }

    @Test
    void getQuery() throws IOException {
        post(estimating(text("port_scan"))).close();
        JsonNode q = MAPPER.readTree(target("queries/port_scan").request().get(String.class));
        assertThat(q.get("text").asText()).isEqualTo(text("port_scan"));
        Response missing = target("queries/ddos").request().get();
        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(json(missing).get("message").asText()).isEqualTo("no query named ddos is submitted");
    }

    @Test
    void deleteRemoves() throws IOException {
        post(estimating(text("port_scan"))).close();
        Response r = target("queries/port_scan").request().delete();
        assertThat(r.getStatus()).isEqualTo(204);
        assertThat(manager.queries()).isEmpty();
        assertThat(manager.flowRules.removed).containsExactlyInAnyOrderElementsOf(manager.flowRules.applied);
        assertThat(target("queries/port_scan").request().delete().getStatus()).isEqualTo(404);
    }
}
