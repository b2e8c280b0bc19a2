package org.intstream.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Map;

import org.intstream.agent.measure.CounterSettings;
import org.intstream.agent.measure.SketchTable;
import org.intstream.agent.probe.BandwidthProbe;
import org.intstream.agent.probe.ProbeLimits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every message checked field by field: each malformed or unknown one gets a 400 whose reason names the field. */
class MeasurementApiMessagesTest {
    private MeasurementApi api;

    @BeforeEach
    void setUp() {
        SketchTable table = new SketchTable(CounterSettings.DEFAULTS.withMaxSketches(2), () -> 0L);
        api = new MeasurementApi(table, new BandwidthProbe(1, ProbeLimits.DEFAULTS),
                InetAddress::isLoopbackAddress, line -> { });
    }

    /** Parses "a=1&b=2" the way a form body arrives. */
    private ApiResponse post(String form) throws ApiException {
        return api.handle(MessageFields.form(form));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "interface=INPUT | 'type': missing",
        "type= | 'type': empty",
        "type=config+sketches&interface=INPUT | 'type': unknown message type 'config sketches'",
        "type=config+sketch | 'interface': missing",
        "type=config+sketch&interface=FORWARD | 'interface': must be INPUT or OUTPUT, not 'FORWARD'",
        "type=config+sketch&interface=INPUT&proto=sctp | 'proto': must be tcp, udp or icmp",
        "type=config+sketch&interface=INPUT&colour=red | 'colour': not a field of 'config sketch' messages",
        "type=config+sketch+counter&counter_key_type=src&increment=pkt | 'sketch_id': missing",
        "type=config+sketch+counter&sketch_id=one&counter_key_type=src&increment=pkt | 'sketch_id': must be a sketch id",
        "type=config+sketch+counter&sketch_id=-1&counter_key_type=src&increment=pkt | 'sketch_id': must be a sketch id",
        "type=config+sketch+counter&sketch_id=0&counter_key_type=src&increment=pkt | 'sketch_id': must be a sketch id",
        "type=config+sketch+counter&sketch_id=99999999999&counter_key_type=src&increment=pkt | 'sketch_id': must be",
        "type=config+sketch+counter&sketch_id=1&increment=pkt | 'counter_key_type': missing",
        "type=config+sketch+counter&sketch_id=1&counter_key_type=dst_src&increment=pkt | 'counter_key_type': must be one of src, dst, src_dst, dport, src_dport, not 'dst_src'",
        "type=config+sketch+counter&sketch_id=1&counter_key_type=src | 'increment': missing",
        "type=config+sketch+counter&sketch_id=1&counter_key_type=src&increment=packets | 'increment': must be pkt or bytes",
        "type=query+heavy+hitters&sketch_id=1 | 'counter_key_type': missing",
        "type=query+heavy+hitters&sketch_id=1&counter_key_type=src&threshold=5%25 | 'threshold': must be a fraction",
        "type=query+heavy+hitters&sketch_id=1&counter_key_type=src&threshold=0 | 'threshold': must be a fraction",
        "type=query+heavy+hitters&sketch_id=1&counter_key_type=src&threshold=1.5 | 'threshold': must be a fraction",
        "type=query+sketch&sketch_id=1&counter_key_type=src | 'counter_key': missing",
        "type=query+sketch&sketch_id=1&counter_key_type=src&counter_key=10.0.0.256 | 'counter_key': a src key is an IPv4 address",
        "type=query+sketch&sketch_id=1&counter_key_type=src_dst&counter_key=10.0.0.6 | 'counter_key': a src_dst key is two IPv4 addresses",
        "type=query+sketch&sketch_id=1&counter_key_type=dport&counter_key=65536 | 'counter_key': a dport key is a port number",
        "type=query+sketch&sketch_id=1&counter_key_type=src_dport&counter_key=10.0.0.6,http | 'counter_key': a src_dport key is an IPv4 address and a port",
        "type=query+real+time+counter&counter_key_type=src | 'sketch_id': missing",
        "type=query+real+time+counter&sketch_id=1&counter_key_type=src&counter_key=x | 'counter_key': not a field of 'query real time counter' messages",
        "type=query+bw&dst=10.0.0.6 | 'src': missing",
        "type=query+bw&src=h5&dst=10.0.0.6 | 'src': must be an IP address",
        "type=query+bw&src=10.0.0.5 | 'dst': missing",
        "type=query+bw&src=10.0.0.5&dst=010.0.0.6 | 'dst': must be an IP address",
        "type=query+bw&src=10.0.0.5&dst=10.0.0.6 | 'src': 10.0.0.5 is not an address of this host",
        "type=delete+sketch | 'sketch_id': missing",
    })
    void malformedMessagesAreRefusedNamingTheField(String form, String reason) throws ApiException {
        ApiResponse response = post(form);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).startsWith("field " + reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a=1&a=2 | field 'a': given more than once",
        "type | form field 'type' has no '=' and value",
        "=x | form field '=x' has an empty name",
        "type=%zz | form field 'type=%zz' is not properly %-encoded",
    })
    void malformedFormsAreRefused(String form, String reason) {
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ApiException.class,
                () -> MessageFields.form(form))).satisfies(e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith(reason);
                });
    }

    @Test
    void jsonBodiesAreReadAsFieldsAndNestedValuesRefused() throws ApiException {
        assertThat(MessageFields.decode("application/json", "{\"type\": \"query bw\", \"sketch_id\": 3}".getBytes()))
                .containsExactly(Map.entry("type", "query bw"), Map.entry("sketch_id", "3"));
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ApiException.class,
                () -> MessageFields.decode("application/json", "{\"src\": [1]}".getBytes())))
                .hasMessageStartingWith("field 'src': must be a string, number or boolean");
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ApiException.class,
                () -> MessageFields.decode("application/json", "[1]".getBytes())))
                .hasMessageStartingWith("a JSON message must be an object");
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ApiException.class,
                () -> MessageFields.decode("text/xml", "<x/>".getBytes())).status()).isEqualTo(415);
    }

    @Test
    void seedMessagesConfigureAndQueryASketch() throws ApiException {
        ApiResponse sketch = post("type=config+sketch&interface=INPUT&proto=icmp");
        assertThat(sketch.status()).isEqualTo(200);
        assertThat(sketch.body()).isEqualTo("1");
        assertThat(post("type=config+sketch+counter&sketch_id=1&counter_key_type=src&increment=pkt").body())
                .isEqualTo("OK");
        // Configuring the same counter again is harmless; another increment for the same key type is not.
        assertThat(post("type=config+sketch+counter&sketch_id=1&counter_key_type=src&increment=pkt").status())
                .isEqualTo(200);
        ApiResponse conflict = post("type=config+sketch+counter&sketch_id=1&counter_key_type=src&increment=bytes");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body()).contains("already has a src counter with increment pkt");

        ApiResponse hitters = post("type=query+heavy+hitters&sketch_id=1&counter_key_type=src");
        assertThat(hitters.status()).isEqualTo(200);
        assertThat(hitters.contentType()).isEqualTo("application/json");
        assertThat(hitters.body()).isEqualTo("{}");
        assertThat(hitters.headers()).containsEntry("X-IntStream-Total", "0");
        assertThat(post("type=query+sketch&sketch_id=1&counter_key_type=src&counter_key=10.0.0.6").body())
                .isEqualTo("0");
        assertThat(post("type=query+sketch&sketch_id=1&counter_key_type=src&counter_key=real_time_key_num").body())
                .isEqualTo("0");
        assertThat(post("type=query+real+time+counter&sketch_id=1&counter_key_type=src").body()).isEqualTo("{}");

        ApiResponse lowThreshold = post("type=query+heavy+hitters&sketch_id=1&counter_key_type=src&threshold=0.001");
        assertThat(lowThreshold.status()).isEqualTo(400);
        assertThat(lowThreshold.body()).startsWith("field 'threshold': 0.001 is below 0.01");
    }

    @Test
    void unknownSketchesAndCountersAreNotFoundAndTheSketchLimitHolds() throws ApiException {
        ApiResponse noSketch = post("type=query+sketch&sketch_id=7&counter_key_type=src&counter_key=10.0.0.6");
        assertThat(noSketch.status()).isEqualTo(404);
        assertThat(noSketch.body()).startsWith("no sketch with id 7");
        post("type=config+sketch&interface=OUTPUT");
        ApiResponse noCounter = post("type=query+real+time+counter&sketch_id=1&counter_key_type=dport");
        assertThat(noCounter.status()).isEqualTo(404);
        assertThat(noCounter.body()).startsWith("sketch 1 has no dport counter");

        post("type=config+sketch&interface=input&proto=TCP"); // names match without regard to case
        ApiResponse third = post("type=config+sketch&interface=INPUT");
        assertThat(third.status()).isEqualTo(409);
        assertThat(third.body()).contains("already holds 2 sketches");
        assertThat(post("type=delete+sketch&sketch_id=1").body()).isEqualTo("OK");
        assertThat(post("type=config+sketch&interface=INPUT").body()).isEqualTo("3");
        assertThat(post("type=delete+sketch&sketch_id=1").status()).isEqualTo(404);
    }

}
