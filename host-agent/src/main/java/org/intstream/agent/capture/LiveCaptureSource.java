package org.intstream.agent.capture;

import java.net.Inet4Address;
import java.sql.Timestamp;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.intstream.engine.packet.Packet;
import org.intstream.engine.packet.PointTable;
import org.intstream.engine.source.FrameHandler;
import org.intstream.engine.source.PacketSource;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.SourceStats;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.PcapDirection;
import org.pcap4j.core.PcapHandle.TimestampPrecision;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;
import org.pcap4j.core.RawPacketListener;

/**
 * Captures a network interface live through libpcap (Pcap4J), delivering each frame as a {@link RawFrame}
 * without any Pcap4J packet parsing.
 *
 * <p>The interface is opened, configured and filtered in the constructor, so a wrong name, missing
 * permissions or a bad filter fail there with a {@link CaptureException}; from then on the kernel buffers
 * matching packets until {@link #run} delivers them. {@link #run} may be called once; {@link #stop()} ends it
 * from any thread, promptly even when no packet arrives; {@link #close()} releases the handle.
 *
 * <p>libpcap's receive and drop counters ({@code pcap_stats}) are read every
 * {@link CaptureOptions#statsIntervalMillis()} while running and once more when the loop ends, into
 * {@link SourceStats#setDrops}.
 */
public final class LiveCaptureSource implements PacketSource {

    // pcap_activate() return codes (pcap/pcap.h).
    private static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    private static final int PCAP_ERROR_PERM_DENIED = -8;
    private static final int PCAP_ERROR_IFACE_NOT_UP = -9;
    private static final int PCAP_ERROR_PROMISC_PERM_DENIED = -11;

    /** Pcap4J's messages when the installed libpcap lacks an optional function. */
    private static final String NO_TSTAMP_PRECISION = "pcap_set_tstamp_precision is not supported";
    private static final String NO_IMMEDIATE_MODE = "Immediate mode is not supported";

    private final String iface;
    private final CaptureOptions options;
    private final String pointName;
    private final int point;
    private final PcapHandle handle;
    private final int linkType;
    private final int dir;
    private final SourceStats stats = new SourceStats();

    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean stopRequested;
    private volatile boolean closed;
    private volatile Thread runner;
    private volatile boolean closeAfterLoop;

    // libpcap's counters, widened to 64 bits; guarded by countersLock.
    private final Object countersLock = new Object();
    private final UnsignedCounter32 received = new UnsignedCounter32();
    private final UnsignedCounter32 dropped = new UnsignedCounter32();
    private final UnsignedCounter32 droppedByInterface = new UnsignedCounter32();
    private volatile long receivedByCapture;
    private boolean statsFailureReported;

    // Per-frame state, touched only by the thread in run().
    private final RawFrame frame = new RawFrame();
    private FrameHandler handler;
    private long frames;
    private Throwable handlerFailure;

    /**
     * Opens {@code iface} for capture.
     *
     * @param points the table that interns {@code pointName}, the observation point of every frame
     * @param pointName the observation point, conventionally {@code host/iface}
     * @throws CaptureException when the interface is unknown (the message lists those that exist), when the
     *     process lacks the permission to capture, when the filter does not compile, or when libpcap
     *     rejects a setting
     */
    public LiveCaptureSource(String iface, CaptureOptions options, PointTable points, String pointName)
            throws CaptureException {
        this.iface = Objects.requireNonNull(iface, "iface can't be null");
        this.options = Objects.requireNonNull(options, "options can't be null");
        this.pointName = Objects.requireNonNull(pointName, "pointName can't be null");
        this.point = Objects.requireNonNull(points, "points can't be null").intern(pointName);

        PcapNetworkInterface device = findDevice(iface);
        this.handle = openHandle(device);
        try {
            if (options.direction() != CaptureDirection.INOUT) {
                setDirection();
            }
            if (options.hasFilter()) {
                setFilter(device);
            }
        } catch (CaptureException e) {
            handle.close();
            throw e;
        }
        this.linkType = DltToLinkType.map(handle.getDlt().value());
        this.dir = options.direction() == CaptureDirection.IN ? Packet.DIR_IN
                : options.direction() == CaptureDirection.OUT ? Packet.DIR_OUT : -1;
    }

    /** The names of the interfaces libpcap can capture on, in its order. */
    public static List<String> availableInterfaces() throws CaptureException {
        return listDevices("(listing)").stream().map(PcapNetworkInterface::getName).collect(Collectors.toList());
    }

    private static List<PcapNetworkInterface> listDevices(String iface) throws CaptureException {
        try {
            return Pcaps.findAllDevs();
        } catch (PcapNativeException e) {
            throw new CaptureException(iface, CaptureException.Reason.OPEN_FAILED,
                    "cannot list capture interfaces: " + e.getMessage(), e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new CaptureException(iface, CaptureException.Reason.OPEN_FAILED,
                    "libpcap cannot be loaded (install libpcap, Debian package libpcap0.8): " + e.getMessage(), e);
        }
    }

    private static PcapNetworkInterface findDevice(String iface) throws CaptureException {
        List<PcapNetworkInterface> devices = listDevices(iface);
        for (PcapNetworkInterface device : devices) {
            if (device.getName().equals(iface)) {
                return device;
            }
        }
        throw unknownInterface(iface, devices);
    }

    private static CaptureException unknownInterface(String iface, List<PcapNetworkInterface> devices) {
        String names = devices.stream().map(PcapNetworkInterface::getName).collect(Collectors.joining(", "));
        return new CaptureException(iface, CaptureException.Reason.UNKNOWN_INTERFACE,
                "no capture interface named '" + iface + "'; available: "
                        + (names.isEmpty() ? "none (is this process allowed to list interfaces?)" : names));
    }

    private PcapHandle openHandle(PcapNetworkInterface device) throws CaptureException {
        boolean nano = true;
        boolean immediate = options.immediate();
        // Retry without an optional feature only when the installed libpcap lacks the function entirely.
        while (true) {
            try {
                PcapHandle opened = builder(nano, immediate).build();
                if (nano && opened.getTimestampPrecision() != TimestampPrecision.NANO) {
                    stats.warn(iface + ": nanosecond timestamps not supported by the device; using microseconds");
                }
                return opened;
            } catch (PcapNativeException e) {
                String message = String.valueOf(e.getMessage());
                if (nano && message.contains(NO_TSTAMP_PRECISION)) {
                    nano = false;
                    stats.warn(iface + ": libpcap cannot set timestamp precision; using microseconds");
                } else if (immediate && message.contains(NO_IMMEDIATE_MODE)) {
                    immediate = false;
                    stats.warn(iface + ": libpcap has no immediate mode; packets arrive per buffer block");
                } else {
                    throw openFailure(device, e);
                }
            }
        }
    }

    private PcapHandle.Builder builder(boolean nano, boolean immediate) {
        PcapHandle.Builder builder = new PcapHandle.Builder(iface)
                .snaplen(options.snaplen())
                .promiscuousMode(options.promiscuous() ? PromiscuousMode.PROMISCUOUS : PromiscuousMode.NONPROMISCUOUS)
                .timeoutMillis(options.timeoutMillis())
                .bufferSize(options.bufferSize());
        if (nano) {
            builder.timestampPrecision(TimestampPrecision.NANO);
        }
        if (immediate) {
            builder.immediateMode(true);
        }
        return builder;
    }

    private CaptureException openFailure(PcapNetworkInterface device, PcapNativeException e) {
        Integer rc = e.getReturnCode();
        int code = rc == null ? 0 : rc;
        String said = "; libpcap said: " + e.getMessage();
        switch (code) {
            case PCAP_ERROR_NO_SUCH_DEVICE:
                // Listed a moment ago, gone now: list again so the message is current.
                try {
                    return unknownInterface(iface, listDevices(iface));
                } catch (CaptureException listing) {
                    return new CaptureException(iface, CaptureException.Reason.UNKNOWN_INTERFACE,
                            "no capture interface named '" + iface + "'" + said, e);
                }
            case PCAP_ERROR_PERM_DENIED:
            case PCAP_ERROR_PROMISC_PERM_DENIED:
                return new CaptureException(iface, CaptureException.Reason.PERMISSION_DENIED,
                        "no permission to capture on '" + iface + "': run the agent as root or grant the java "
                                + "binary CAP_NET_RAW and CAP_NET_ADMIN (setcap cap_net_raw,cap_net_admin=eip)"
                                + said, e);
            case PCAP_ERROR_IFACE_NOT_UP:
                return new CaptureException(iface, CaptureException.Reason.INTERFACE_DOWN,
                        "capture interface '" + iface + "' is down (ip link set " + iface + " up)" + said, e);
            default:
                return new CaptureException(iface, CaptureException.Reason.OPEN_FAILED,
                        "cannot open '" + iface + "' (" + device.getDescription() + ") for capture with "
                                + options + said, e);
        }
    }

    private void setDirection() throws CaptureException {
        PcapDirection direction = options.direction() == CaptureDirection.IN ? PcapDirection.IN : PcapDirection.OUT;
        try {
            handle.setDirection(direction);
        } catch (PcapNativeException e) {
            throw new CaptureException(iface, CaptureException.Reason.UNSUPPORTED,
                    "cannot restrict capture on '" + iface + "' to direction " + options.direction()
                            + "; libpcap said: " + e.getMessage(), e);
        } catch (NotOpenException e) {
            throw new IllegalStateException("handle closed while opening", e);
        }
    }

    private void setFilter(PcapNetworkInterface device) throws CaptureException {
        try {
            handle.setFilter(options.filter(), BpfCompileMode.OPTIMIZE, netmask(device));
        } catch (PcapNativeException e) {
            throw new CaptureException(iface, CaptureException.Reason.BAD_FILTER,
                    "invalid capture filter \"" + options.filter() + "\" for '" + iface + "': " + e.getMessage(), e);
        } catch (NotOpenException e) {
            throw new IllegalStateException("handle closed while opening", e);
        }
    }

    /** The interface's IPv4 netmask, which BPF needs for "ip broadcast"; unknown when it has none. */
    private static Inet4Address netmask(PcapNetworkInterface device) {
        for (PcapAddress address : device.getAddresses()) {
            if (address.getAddress() instanceof Inet4Address && address.getNetmask() instanceof Inet4Address mask) {
                return mask;
            }
        }
        return PcapHandle.PCAP_NETMASK_UNKNOWN;
    }

    @Override
    public String name() {
        return pointName;
    }

    public String iface() {
        return iface;
    }

    public CaptureOptions options() {
        return options;
    }

    /** The observation point id every frame carries. */
    public int point() {
        return point;
    }

    /** The {@code LINKTYPE_*} value of the interface. */
    public int linkType() {
        return linkType;
    }

    /** True when the kernel stamps packets in nanoseconds (they are still delivered in microseconds). */
    public boolean nanosecondTimestamps() {
        return handle.getTimestampPrecision() == TimestampPrecision.NANO;
    }

    @Override
    public void run(FrameHandler handler) throws CaptureException {
        Objects.requireNonNull(handler, "handler can't be null");
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException(pointName + ": run() may be called only once");
        }
        if (closed) {
            throw new IllegalStateException(pointName + ": run() after close()");
        }
        this.handler = handler;
        this.runner = Thread.currentThread();
        ScheduledExecutorService poller = startCounterPoller();
        try {
            if (!stopRequested) {
                RawPacketListener listener = this::deliver;
                handle.loop(-1, listener);
            }
        } catch (InterruptedException e) {
            // pcap_breakloop ended the loop: stop() or a failing handler; not a thread interrupt.
        } catch (NotOpenException e) {
            // close() came before the loop began; that is a stop.
        } catch (PcapNativeException e) {
            throw new CaptureException(iface, CaptureException.Reason.CAPTURE_FAILED,
                    "capture on '" + iface + "' failed after " + frames + " frames: " + e.getMessage(), e);
        } finally {
            poller.shutdownNow();
            awaitQuietly(poller);
            readCaptureCounters();
            if (closeAfterLoop) {
                handle.close();
            }
        }
        rethrowHandlerFailure();
    }

    /** Called by Pcap4J on this thread for each packet; the handle's thread-locals hold its header. */
    private void deliver(byte[] bytes) {
        if (handlerFailure != null) {
            return; // the rest of the current buffer block, after the handler failed
        }
        RawFrame f = frame;
        Timestamp ts = handle.getTimestamp();
        Integer originalLength = handle.getOriginalLength();
        f.data = bytes;
        f.offset = 0;
        f.capLen = bytes.length;
        f.wireLen = originalLength == null ? bytes.length : Math.max(originalLength, bytes.length);
        // Timestamp keeps whole seconds in getTime() and the fraction, in ns, in getNanos().
        f.tsMicros = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000L + ts.getNanos() / 1000;
        f.linkType = linkType;
        f.point = point;
        f.dir = dir;
        f.index = ++frames;
        stats.countFrame(f.wireLen);
        try {
            handler.onFrame(f);
        } catch (RuntimeException | Error e) {
            // Pcap4J would log and swallow it; keep it for run() to throw and end the loop.
            handlerFailure = e;
            breakLoop();
        }
    }

    private void rethrowHandlerFailure() {
        Throwable failure = handlerFailure;
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
    }

    private ScheduledExecutorService startCounterPoller() {
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "capture-counters-" + iface);
            thread.setDaemon(true);
            return thread;
        });
        long interval = options.statsIntervalMillis();
        poller.scheduleWithFixedDelay(this::readCaptureCounters, interval, interval, TimeUnit.MILLISECONDS);
        return poller;
    }

    private static void awaitQuietly(ScheduledExecutorService poller) {
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reads libpcap's counters now into {@link #stats()} (drops) and {@link #receivedByCapture()}. Also done
     * periodically while running and when the loop ends; a no-op once closed.
     */
    public void readCaptureCounters() {
        synchronized (countersLock) {
            if (closed) {
                return;
            }
            try {
                PcapStat stat = handle.getStats();
                receivedByCapture = received.update(stat.getNumPacketsReceived());
                stats.setDrops(dropped.update(stat.getNumPacketsDropped()),
                        droppedByInterface.update(stat.getNumPacketsDroppedByIf()));
            } catch (PcapNativeException e) {
                if (!statsFailureReported) {
                    statsFailureReported = true;
                    stats.warn(iface + ": cannot read capture drop counters: " + e.getMessage());
                }
            } catch (NotOpenException e) {
                // closed concurrently: the last reading stands
            }
        }
    }

    /** Packets the capture layer received (libpcap's {@code ps_recv}), as of the last counter reading. */
    public long receivedByCapture() {
        return receivedByCapture;
    }

    @Override
    public void stop() {
        stopRequested = true;
        breakLoop();
    }

    private void breakLoop() {
        try {
            // pcap_breakloop is the one libpcap call meant for other threads; on Linux it also wakes poll().
            handle.breakLoop();
        } catch (NotOpenException e) {
            // already closed: nothing runs
        }
    }

    @Override
    public SourceStats stats() {
        return stats;
    }

    /**
     * Stops a running loop, waits for it to leave the handle, and releases the handle. Called from the
     * handler itself, the handle is released when {@link #run} returns.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        stop();
        synchronized (countersLock) {
            closed = true;
        }
        if (Thread.currentThread() == runner) {
            closeAfterLoop = true; // the loop holds the handle on this very thread; waiting would deadlock
            return;
        }
        handle.close(); // blocks until the loop has released the handle
    }

    @Override
    public String toString() {
        return "LiveCaptureSource{" + pointName + " on " + iface + ", " + options + "}";
    }
}
