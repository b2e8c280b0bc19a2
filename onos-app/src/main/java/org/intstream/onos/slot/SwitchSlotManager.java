package org.intstream.onos.slot;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.intstream.controller.dataplane.MalformedReportException;
import org.intstream.controller.dataplane.ReportDecoder;
import org.intstream.controller.dataplane.SlotHit;
import org.intstream.onos.AppConstants;
import org.intstream.onos.SlotHitListener;
import org.intstream.onos.SwitchSlotService;
import org.intstream.onos.pipeconf.PipeconfLoader;
import org.intstream.onos.pipeconf.ReportCloneSession;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.switchgen.SlotAllocator;
import org.intstream.query.switchgen.SlotProgram;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.group.GroupService;
import org.onosproject.net.packet.InboundPacket;
import org.onosproject.net.packet.PacketContext;
import org.onosproject.net.packet.PacketProcessor;
import org.onosproject.net.packet.PacketService;
import org.onosproject.net.pi.model.PiPipeconf;
import org.onosproject.net.pi.model.PiPipelineModel;
import org.onosproject.net.pi.service.PiPipeconfService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Query slots through ONOS: a stage's entries become flow rules on the slot's filter table (written by
 * ONOS's P4Runtime stack), the report clone session a CLONE group, and report packet-ins are decoded, per
 * device, into the keys the slots fired on. Slot assignments live in this instance (the distributed query
 * store re-installs them after a restart).
 */
@Component(immediate = true, service = SwitchSlotService.class)
public class SwitchSlotManager implements SwitchSlotService {
    /**
     * Reports are IntStream's, not host traffic: they are consumed ahead of every ONOS processor, so the
     * host and link providers (advisors themselves) never learn anything from their zero MACs.
     */
    static final int PROCESSOR_PRIORITY = PacketProcessor.advisor(0);

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    CoreService coreService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    FlowRuleService flowRuleService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    GroupService groupService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    PacketService packetService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    PiPipeconfService pipeconfService;

    private final InternalReportProcessor reportProcessor = new InternalReportProcessor();
    private final List<SlotHitListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<DeviceId, SlotAllocator> allocators = new HashMap<>();
    private final Map<DeviceId, ReportDecoder> decoders = new HashMap<>();
    private ApplicationId appId;
    private PiPipelineModel model;

    @Activate
    protected void activate() {
        appId = coreService.registerApplication(AppConstants.APP_NAME);
        model = PipeconfLoader.pipelineModel();
        packetService.addProcessor(reportProcessor, PROCESSOR_PRIORITY);
        log.info("Started");
    }

    @Deactivate
    protected void deactivate() {
        packetService.removeProcessor(reportProcessor);
        synchronized (this) {
            for (Map.Entry<DeviceId, SlotAllocator> e : allocators.entrySet()) {
                for (SlotProgram p : e.getValue().installed()) {
                    flowRuleService.removeFlowRules(rules(e.getKey(), p));
                }
            }
            allocators.clear();
            decoders.clear();
        }
        log.info("Stopped");
    }

    @Override
    public synchronized SlotProgram install(DeviceId device, SwitchStage stage) {
        checkPipeconf(device);
        SlotAllocator slots = allocators.computeIfAbsent(device, d -> new SlotAllocator(d.toString()));
        SlotProgram program = slots.place(stage);
        FlowRule[] rules;
        try {
            rules = rules(device, program);
        } catch (IllegalArgumentException e) {
            slots.remove(stage.query());
            throw e;
        }
        ReportCloneSession.ensure(groupService, device, appId);
        flowRuleService.applyFlowRules(rules);
        decoders.computeIfAbsent(device, d -> new ReportDecoder(slot -> slots.slot(slot).orElse(null)));
        log.info("{}: query {} in slot {} ({} entries)", device, stage.query(), program.slot(), rules.length);
        return program;
    }

    @Override
    public synchronized SlotProgram remove(DeviceId device, String query) {
        SlotAllocator slots = allocators.get(device);
        if (slots == null) {
            throw new IllegalArgumentException("query " + query + " is not installed on " + device
                    + " (no query is)");
        }
        SlotProgram program = slots.remove(query);
        flowRuleService.removeFlowRules(rules(device, program));
        log.info("{}: query {} removed from slot {}", device, query, program.slot());
        return program;
    }

    @Override
    public synchronized void forget(DeviceId device) {
        if (allocators.remove(device) != null) {
            log.info("{}: slots left to the device's new master", device);
        }
        decoders.remove(device);
    }

    @Override
    public synchronized List<SlotProgram> installed(DeviceId device) {
        SlotAllocator slots = allocators.get(device);
        return slots == null ? List.of() : slots.installed();
    }

    @Override
    public void addListener(SlotHitListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(SlotHitListener listener) {
        listeners.remove(listener);
    }

    private FlowRule[] rules(DeviceId device, SlotProgram program) {
        return SlotFlowRules.of(program, device, appId, model).toArray(new FlowRule[0]);
    }

    private void checkPipeconf(DeviceId device) {
        Optional<PiPipeconf> pipeconf = pipeconfService.getPipeconf(device);
        if (pipeconf.isEmpty() || !pipeconf.get().id().equals(AppConstants.PIPECONF_ID)) {
            throw new IllegalArgumentException("device " + device + " runs "
                    + pipeconf.map(p -> "pipeconf " + p.id()).orElse("no pipeconf") + ", not "
                    + AppConstants.PIPECONF_ID + "; its slots cannot hold queries");
        }
    }

    /** Consumes report packet-ins; every other packet goes on to ONOS's processors. */
    private final class InternalReportProcessor implements PacketProcessor {
        @Override
        public void process(PacketContext context) {
            InboundPacket in = context.inPacket();
            if (context.isHandled() || in.parsed() == null
                    || in.parsed().getEtherType() != AppConstants.ETHERTYPE_REPORT) {
                return;
            }
            context.block();
            DeviceId device = in.receivedFrom().deviceId();
            ByteBuffer data = in.unparsed().duplicate();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            for (SlotHitListener l : listeners) {
                l.report(device, bytes);
            }
            List<SlotHit> hits;
            synchronized (SwitchSlotManager.this) {
                ReportDecoder decoder = decoders.get(device);
                if (decoder == null) {
                    log.debug("{}: report while no query is installed there", device);
                    return;
                }
                try {
                    hits = decoder.decode(bytes);
                } catch (MalformedReportException e) {
                    log.warn("{}: unreadable report from port {}: {}", device, in.receivedFrom().port(),
                            e.getMessage());
                    return;
                }
            }
            for (SlotHit hit : hits) {
                for (SlotHitListener l : listeners) {
                    l.hit(device, hit);
                }
            }
        }
    }
}
