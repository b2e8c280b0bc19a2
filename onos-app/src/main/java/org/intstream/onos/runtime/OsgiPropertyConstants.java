package org.intstream.onos.runtime;

/** Names and defaults of the runtime's component properties (ONOS's component config). */
public final class OsgiPropertyConstants {
    private OsgiPropertyConstants() {
    }

    /** The secret agents must present in their hello; empty: none. */
    public static final String AGENT_TOKEN = "agentToken";
    public static final String AGENT_TOKEN_DEFAULT = "";

    /** How long a window waits for late partials once it has ended, milliseconds. */
    public static final String GRACE_MILLIS = "graceMillis";
    public static final long GRACE_MILLIS_DEFAULT = 5000;

    /** How long after an epoch's end its counters are read (reports may still be on their way), milliseconds. */
    public static final String READ_DELAY_MILLIS = "readDelayMillis";
    public static final long READ_DELAY_MILLIS_DEFAULT = 500;

    /**
     * The clock offset written to each switch, microseconds; negative: the multiple of 2^48 below the current
     * Unix time, as the standalone controller does for switches whose timestamps are Unix time modulo 2^48. A
     * calibrated switch starts with it and keeps it while its calibration fails.
     */
    public static final String CLOCK_OFFSET_MICROS = "clockOffsetMicros";
    public static final long CLOCK_OFFSET_MICROS_DEFAULT = -1;

    /**
     * Whether switches' clocks are measured with probe packets (as the standalone controller's
     * {@code --switch-clock calibrate}) whenever this instance takes a device over: BMv2, which the app requires,
     * counts its clock from its start, so no fixed offset fits it.
     */
    public static final String CLOCK_CALIBRATION = "clockCalibration";
    public static final boolean CLOCK_CALIBRATION_DEFAULT = true;

    /** The devices calibrated, comma-separated device ids; empty: every device (when calibration is on). */
    public static final String CLOCK_CALIBRATION_DEVICES = "clockCalibrationDevices";
    public static final String CLOCK_CALIBRATION_DEVICES_DEFAULT = "";

    /** The report meter's rate, packets per second. */
    public static final String REPORT_RATE = "reportRate";
    public static final long REPORT_RATE_DEFAULT = 1000;

    /** The report meter's burst, packets. */
    public static final String REPORT_BURST = "reportBurst";
    public static final long REPORT_BURST_DEFAULT = 100;
}
