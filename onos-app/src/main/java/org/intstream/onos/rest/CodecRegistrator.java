package org.intstream.onos.rest;

import org.intstream.controller.dataplane.SlotHit;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.onos.IntStreamQuery;
import org.onosproject.codec.CodecService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

/** Registers IntStream's JSON codecs with ONOS, for the REST API and the CLI's JSON output. */
@Component(immediate = true)
public class CodecRegistrator {
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    CodecService codecService;

    @Activate
    protected void activate() {
        codecService.registerCodec(IntStreamQuery.class, new QueryCodec());
        codecService.registerCodec(SlotHit.class, new SlotHitCodec());
        codecService.registerCodec(SwitchRuntime.class, new SwitchCodec());
    }

    @Deactivate
    protected void deactivate() {
        codecService.unregisterCodec(IntStreamQuery.class);
        codecService.unregisterCodec(SlotHit.class);
        codecService.unregisterCodec(SwitchRuntime.class);
    }
}
