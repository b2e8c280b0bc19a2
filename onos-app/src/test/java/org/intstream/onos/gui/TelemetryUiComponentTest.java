package org.intstream.onos.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.onosproject.ui.UiExtension;
import org.onosproject.ui.UiExtensionServiceAdapter;
import org.onosproject.ui.UiMessageHandler;
import org.onosproject.ui.UiView;

/**
 * The view is registered with ONOS's GUI and unregistered on deactivation, and every resource ONOS serves for
 * it is in the bundle: the index snippets, the view's page, script and style, and the shared result chart.
 */
class TelemetryUiComponentTest {
    private final List<String> calls = new ArrayList<>();
    private final List<UiExtension> registered = new ArrayList<>();

    private TelemetryUiComponent activated() {
        TelemetryUiComponent c = new TelemetryUiComponent();
        c.uiExtensionService = new UiExtensionServiceAdapter() {
            @Override
            public void register(UiExtension extension) {
                calls.add("register");
                registered.add(extension);
            }

            @Override
            public void unregister(UiExtension extension) {
                calls.add("unregister");
                registered.remove(extension);
            }
        };
        c.activate();
        return c;
    }

    private static String text(InputStream in) throws IOException {
        assertThat(in).isNotNull();
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void activateRegistersTheViewAndDeactivateRemovesIt() {
        TelemetryUiComponent c = activated();
        assertThat(registered).singleElement().satisfies(e -> {
            assertThat(e.views()).extracting(UiView::id, UiView::label, UiView::category)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("intstreamTelemetry", "IntStream Telemetry",
                            UiView.Category.NETWORK));
            List<UiMessageHandler> handlers = new ArrayList<>(e.messageHandlerFactory().newHandlers());
            assertThat(handlers).singleElement().isInstanceOf(TelemetryViewMessageHandler.class);
            handlers.get(0).init(null, new org.onlab.osgi.TestServiceDirectory());
            assertThat(handlers.get(0).messageTypes()).containsExactlyInAnyOrder(
                    "intstreamTelemetryDataRequest", "intstreamResultsRequest");
        });
        c.deactivate();
        assertThat(calls).containsExactly("register", "unregister");
        assertThat(registered).isEmpty();
    }

    @Test
    void everyResourceOfTheViewIsInTheBundle() throws IOException {
        UiExtension e = TelemetryUiComponent.extension();
        assertThat(text(e.css())).contains("href=\"app/view/intstreamTelemetry/intstreamTelemetry.css\"");
        assertThat(text(e.js())).contains("src=\"app/view/intstreamTelemetry/intstreamTelemetry.js\"");
        assertThat(text(e.resource("intstreamTelemetry", "intstreamTelemetry.html")))
                .contains("id=\"ov-intstream-telemetry\"", "id=\"its-queries\"", "id=\"its-reduction\"");
        String js = text(e.resource("intstreamTelemetry", "intstreamTelemetry.js"));
        // ONOS names a view's module and controller after its id.
        assertThat(js).contains("angular.module('ovIntstreamTelemetry'", "'OvIntstreamTelemetryCtrl'",
                "'" + TelemetryViewMessageHandler.TELEMETRY_REQ + "'", "'" + TelemetryViewMessageHandler.RESULTS_REQ
                        + "'", "'" + TelemetryViewMessageHandler.TELEMETRY_RESP + "'",
                "'" + TelemetryViewMessageHandler.RESULTS_RESP + "'", "import('./result-chart.js')");
        assertThat(text(e.resource("intstreamTelemetry", "intstreamTelemetry.css"))).contains("#ov-intstream-telemetry");
        // web/'s build: the chart module with Chart.js inside, as the standalone dashboard ships it.
        assertThat(text(e.resource("intstreamTelemetry", "result-chart.js"))).contains("createResultChart")
                .contains("export");
    }
}
