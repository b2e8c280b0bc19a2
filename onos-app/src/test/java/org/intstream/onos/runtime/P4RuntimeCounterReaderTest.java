package org.intstream.onos.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.intstream.onos.pipeconf.PipeconfLoader;
import org.intstream.onos.pipeconf.P4InfoConstants;
import org.intstream.onos.testing.EveryDeviceRunsPipeconf;
import org.junit.jupiter.api.Test;
import org.onosproject.net.DeviceId;
import org.onosproject.net.config.Config;
import org.onosproject.net.config.NetworkConfigServiceAdapter;
import org.onosproject.net.config.basics.BasicDeviceConfig;
import org.onosproject.net.pi.PiPipeconfServiceAdapter;
import org.onosproject.net.pi.model.PiCounterId;
import org.onosproject.net.pi.model.PiPipeconf;
import org.onosproject.net.pi.runtime.PiCounterCell;
import org.onosproject.net.pi.runtime.PiCounterCellId;
import org.onosproject.p4runtime.api.P4RuntimeClient;
import org.onosproject.p4runtime.api.P4RuntimeController;
import org.onosproject.p4runtime.api.P4RuntimeReadClient;

/**
 * The counter reader asks ONOS's P4Runtime client of the device for a wildcard read of the counter, with the
 * P4Runtime device id from the netcfg and the device's pipeconf, and lays the cells out by index.
 */
class P4RuntimeCounterReaderTest {
    private static final DeviceId S1 = DeviceId.deviceId("device:s1");
    private static final PiPipeconf PIPECONF = PipeconfLoader.buildPipeconf();
    private static final PiCounterId COUNTER = P4InfoConstants.INT_STREAM_INGRESS_SLOT0_SKETCH_COUNTER;

    private final List<String> calls = new ArrayList<>();
    private Collection<PiCounterCell> cells = List.of();
    private String failure;
    private P4RuntimeClient client = proxy(P4RuntimeClient.class, (m, a) -> {
        calls.add(m + " " + a[0] + " " + ((PiPipeconf) a[1]).id());
        return request();
    });
    private String managementAddress = "grpc://127.0.0.1:50001?device_id=7";

    private P4RuntimeCounterReader reader() {
        P4RuntimeController controller = proxy(P4RuntimeController.class, (m, a) -> m.equals("get") ? client : null);
        PiPipeconfServiceAdapter pipeconfs = new EveryDeviceRunsPipeconf(PIPECONF);
        NetworkConfigServiceAdapter netcfg = new NetworkConfigServiceAdapter() {
            @Override
            @SuppressWarnings("unchecked")
            public <S, C extends Config<S>> C getConfig(S subject, Class<C> configClass) {
                BasicDeviceConfig cfg = new BasicDeviceConfig();
                cfg.init(S1, "basic", new ObjectMapper().createObjectNode(), new ObjectMapper(), null);
                cfg.managementAddress(managementAddress);
                return (C) cfg;
            }
        };
        return new P4RuntimeCounterReader(controller, pipeconfs, netcfg);
    }

    @Test
    void readsEveryCellInOneWildcardRead() {
        cells = List.of(new PiCounterCell(PiCounterCellId.ofIndirect(COUNTER, 3), 5, 300),
                new PiCounterCell(PiCounterCellId.ofIndirect(COUNTER, 6143), 1, 64));
        long[][] read = reader().read(S1, COUNTER, 6144);
        assertThat(calls).containsExactly("read 7 org.intstream.pipeconf", "counterCells " + COUNTER,
                "submitSync");
        assertThat(read[0]).hasSize(6144);
        assertThat(read[0][3]).isEqualTo(5);
        assertThat(read[1][3]).isEqualTo(300);
        assertThat(read[0][6143]).isEqualTo(1);
        assertThat(read[0][0]).isZero();
    }

    @Test
    void aFailedReadSaysWhy() {
        failure = "UNAVAILABLE: io exception";
        assertThatThrownBy(() -> reader().read(S1, COUNTER, 6144)).isInstanceOf(IllegalStateException.class)
                .hasMessage("reading " + COUNTER + " of device:s1 failed: UNAVAILABLE: io exception");
    }

    @Test
    void aCellOutsideTheCounterIsRefused() {
        cells = List.of(new PiCounterCell(PiCounterCellId.ofIndirect(COUNTER, 6144), 1, 1));
        assertThatThrownBy(() -> reader().read(S1, COUNTER, 6144)).hasMessageContaining("outside the counter's 6144");
    }

    @Test
    void aDeviceWithoutClientOrDeviceIdIsNamed() {
        client = null;
        assertThatThrownBy(() -> reader().read(S1, COUNTER, 6144))
                .hasMessage("ONOS holds no P4Runtime client for device:s1 (not connected)");
    }

    @Test
    void theP4RuntimeDeviceIdComesFromTheManagementAddress() {
        managementAddress = "grpc://127.0.0.1:50001";
        assertThatThrownBy(() -> reader().read(S1, COUNTER, 6144))
                .hasMessageContaining("has no device_id query parameter");
        assertThat(P4DeviceIds.parse(S1, "grpc://mininet:50002?foo=1&device_id=18446744073709551615"))
                .isEqualTo(-1L);
        assertThatThrownBy(() -> P4DeviceIds.parse(S1, "grpc://mininet:50002?device_id=x"))
                .hasMessageContaining("device_id 'x'");
        assertThatThrownBy(() -> P4DeviceIds.parse(S1, "grpc://mininet:50002 ?device_id=1"))
                .hasMessageContaining("is not a URI");
    }

    private Object request() {
        return proxy(P4RuntimeReadClient.ReadRequest.class, (m, a) -> {
            calls.add(m.equals("counterCells") ? m + " " + a[0] : m);
            return m.equals("submitSync") ? response() : null;
        });
    }

    private P4RuntimeReadClient.ReadResponse response() {
        return proxy(P4RuntimeReadClient.ReadResponse.class, (m, a) -> {
            switch (m) {
                case "isSuccess":
                    return failure == null;
                case "explanation":
                    return failure;
                case "all":
                    return cells;
                default:
                    return null;
            }
        });
    }

    /** A stand-in of an interface whose calls go to {@code answer(method name, arguments)}. */
    @SuppressWarnings("unchecked")
    private <T> T proxy(Class<T> type, java.util.function.BiFunction<String, Object[], Object> answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            Object r = answer.apply(m.getName(), a == null ? new Object[0] : a);
            return r == null && m.getReturnType() == m.getDeclaringClass() ? p : r;
        });
    }
}
