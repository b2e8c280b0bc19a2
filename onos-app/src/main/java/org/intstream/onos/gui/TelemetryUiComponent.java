package org.intstream.onos.gui;

import java.util.List;
import org.onosproject.ui.UiExtension;
import org.onosproject.ui.UiExtensionService;
import org.onosproject.ui.UiMessageHandlerFactory;
import org.onosproject.ui.UiView;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the IntStream telemetry view to ONOS's GUI (the classic one): its page, script and style under
 * {@code app/view/intstreamTelemetry/} with the shared result chart beside them, the {@code gui/css.html} and
 * {@code gui/js.html} snippets ONOS injects into its index page, and the view's message handler.
 */
@Component(immediate = true)
public class TelemetryUiComponent {
    static final String VIEW_ID = "intstreamTelemetry";
    static final String VIEW_LABEL = "IntStream Telemetry";
    static final String RESOURCE_PATH = "gui";

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    UiExtensionService uiExtensionService;

    private UiExtension extension;

    @Activate
    protected void activate() {
        extension = extension();
        uiExtensionService.register(extension);
        log.info("Started");
    }

    @Deactivate
    protected void deactivate() {
        uiExtensionService.unregister(extension);
        log.info("Stopped");
    }

    /** The extension as registered: one view in the Network category, its handler made per GUI session. */
    static UiExtension extension() {
        List<UiView> views = List.of(new UiView(UiView.Category.NETWORK, VIEW_ID, VIEW_LABEL, "nav_devs"));
        UiMessageHandlerFactory handlers = () -> List.of(new TelemetryViewMessageHandler());
        return new UiExtension.Builder(TelemetryUiComponent.class.getClassLoader(), views)
                .resourcePath(RESOURCE_PATH).messageHandlerFactory(handlers).build();
    }
}
