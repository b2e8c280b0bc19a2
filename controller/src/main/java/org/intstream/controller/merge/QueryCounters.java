package org.intstream.controller.merge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Running totals of one query's merge, for monitoring (no per-key values, so no label explosion). */
public final class QueryCounters {
    private final AtomicLong partialsAccepted = new AtomicLong();
    private final AtomicLong partialsDuplicate = new AtomicLong();
    private final AtomicLong partialsLate = new AtomicLong();
    private final AtomicLong partialsMalformed = new AtomicLong();
    private final AtomicLong partialRows = new AtomicLong();
    private final AtomicLong windowsPublished = new AtomicLong();
    private final AtomicLong windowsPartial = new AtomicLong();
    private final AtomicLong resultRows = new AtomicLong();
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong captureDrops = new AtomicLong();
    private final AtomicLong bytesCrossing = new AtomicLong();

    void count(Acceptance a, PartialReport r) {
        switch (a) {
            case ACCEPTED:
                partialsAccepted.incrementAndGet();
                partialRows.addAndGet(r.rows().size());
                packets.addAndGet(r.packets());
                bytes.addAndGet(r.bytes());
                captureDrops.addAndGet(r.captureDrops());
                break;
            case DUPLICATE:
                partialsDuplicate.incrementAndGet();
                break;
            case LATE:
                partialsLate.incrementAndGet();
                break;
            default:
                partialsMalformed.incrementAndGet();
                break;
        }
    }

    void published(MergedWindow w) {
        windowsPublished.incrementAndGet();
        if (w.partial()) {
            windowsPartial.incrementAndGet();
        }
        resultRows.addAndGet(w.rows().size());
    }

    /** Bytes of this query's partial results as they crossed the network (duplicates and refusals too). */
    public void crossed(long wireBytes) {
        bytesCrossing.addAndGet(wireBytes);
    }

    public long bytesCrossing() {
        return bytesCrossing.get();
    }

    public long partialsAccepted() {
        return partialsAccepted.get();
    }

    public long partialsDuplicate() {
        return partialsDuplicate.get();
    }

    public long partialsLate() {
        return partialsLate.get();
    }

    public long windowsPublished() {
        return windowsPublished.get();
    }

    public long windowsPartial() {
        return windowsPartial.get();
    }

    /** Every counter by a metric-style name, in a fixed order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("partials_accepted", partialsAccepted.get());
        m.put("partials_duplicate", partialsDuplicate.get());
        m.put("partials_late", partialsLate.get());
        m.put("partials_malformed", partialsMalformed.get());
        m.put("partial_rows", partialRows.get());
        m.put("windows_published", windowsPublished.get());
        m.put("windows_partial", windowsPartial.get());
        m.put("result_rows", resultRows.get());
        m.put("packets", packets.get());
        m.put("bytes", bytes.get());
        m.put("capture_drops", captureDrops.get());
        m.put("bytes_crossing", bytesCrossing.get());
        return m;
    }
}
