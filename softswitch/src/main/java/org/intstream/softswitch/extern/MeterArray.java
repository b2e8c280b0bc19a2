package org.intstream.softswitch.extern;

/**
 * An indirect two-rate three-colour meter array, computed as BMv2's {@code bm_sim/meters.cpp} does: a
 * cell without configured rates is always GREEN (0); a configured cell holds a committed and a peak
 * token bucket that refill with the tokens earned since a fixed time origin, and a packet that finds the
 * peak bucket short is RED (2), the committed one short YELLOW (1). The clock is the packet clock; its
 * origin is the first packet this array meters (BMv2 uses the switch's start).
 */
public final class MeterArray {
    public static final int GREEN = 0;
    public static final int YELLOW = 1;
    public static final int RED = 2;

    private final String name;
    private final boolean bytes;
    private final Cell[] cells;
    private long origin = Long.MIN_VALUE;

    public MeterArray(String name, int size, boolean bytes) {
        this.name = name;
        this.bytes = bytes;
        this.cells = new Cell[size];
        for (int i = 0; i < size; i++) {
            cells[i] = new Cell();
        }
    }

    public String name() {
        return name;
    }

    public int size() {
        return cells.length;
    }

    public boolean countsBytes() {
        return bytes;
    }

    /**
     * Sets a cell's rates as P4Runtime gives them (per second) and PI hands them to BMv2 (per microsecond).
     */
    public void configure(int index, long cir, long cburst, long pir, long pburst) {
        Cell cell = cells[index];
        cell.configured = true;
        // BMv2 stores the rates reversed: the peak bucket is checked first.
        cell.rates[0].set(pir / 1_000_000.0, pburst, RED);
        cell.rates[1].set(cir / 1_000_000.0, cburst, YELLOW);
    }

    public void reset(int index) {
        cells[index].configured = false;
    }

    public boolean configured(int index) {
        return cells[index].configured;
    }

    /** The rates of a configured cell as {cir, cburst, pir, pburst}. */
    public long[] config(int index) {
        Cell cell = cells[index];
        return new long[] {Math.round(cell.rates[1].infoRate * 1_000_000.0), cell.rates[1].burst,
            Math.round(cell.rates[0].infoRate * 1_000_000.0), cell.rates[0].burst};
    }

    /** Meters one packet; an out-of-range index is GREEN. */
    public int execute(long index, long tsMicros, int packetBytes) {
        if (origin == Long.MIN_VALUE) {
            origin = tsMicros;
        }
        if (index < 0 || index >= cells.length) {
            return GREEN;
        }
        Cell cell = cells[(int) index];
        if (!cell.configured) {
            return GREEN;
        }
        long micros = Math.max(0, tsMicros - origin);
        long input = bytes ? packetBytes : 1;
        for (Rate rate : cell.rates) {
            long sinceOrigin = (long) (micros * rate.infoRate);
            long fresh = sinceOrigin - rate.tokensLast;
            rate.tokensLast = sinceOrigin;
            rate.tokens = Math.min(rate.tokens + fresh, rate.burst);
            if (rate.tokens < input) {
                return rate.color;
            }
            rate.tokens -= input;
        }
        return GREEN;
    }

    private static final class Cell {
        boolean configured;
        final Rate[] rates = {new Rate(), new Rate()};
    }

    private static final class Rate {
        double infoRate;
        long burst;
        long tokens;
        long tokensLast;
        int color;

        void set(double infoRate, long burst, int color) {
            this.infoRate = infoRate;
            this.burst = burst;
            this.tokens = burst;
            this.tokensLast = 0;
            this.color = color;
        }
    }
}
