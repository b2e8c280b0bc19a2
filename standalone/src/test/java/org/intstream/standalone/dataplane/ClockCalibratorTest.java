package org.intstream.standalone.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import org.intstream.query.partition.SwitchField;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.switchgen.SlotProgram;
import org.junit.jupiter.api.Test;

class ClockCalibratorTest {
    private static final int SRC = (198 << 24) | (18 << 16) | 7;

    @Test
    void probeFramesAreValidIpv4ToTheProbeAddress() {
        byte[] f = ClockCalibrator.probeFrame(SRC);
        assertThat(f).hasSize(34);
        assertThat(f[0] & 0x02).as("locally administered").isEqualTo(2);
        assertThat(f[0] & 0x01).as("unicast").isZero();
        assertThat(u16(f, 12)).isEqualTo(0x0800);
        assertThat(f[14 + 9] & 0xFF).isEqualTo(ClockCalibrator.PROBE_PROTOCOL);
        assertThat(f[14 + 8]).as("TTL 1: never routed on").isEqualTo((byte) 1);
        assertThat(i32(f, 26)).isEqualTo(SRC);
        assertThat(i32(f, 30)).isEqualTo(ClockCalibrator.PROBE_DST);
        int sum = 0;
        for (int i = 14; i < 34; i += 2) {
            sum += u16(f, i);
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        assertThat(sum).as("the IPv4 header checksums to all ones").isEqualTo(0xFFFF);
    }

    @Test
    void theProbeSlotReportsEveryProbeOnItsFirstPacketAndNothingElse() {
        SwitchStage stage = ClockCalibrator.probeStage();
        assertThat(stage.threshold()).isZero();
        assertThat(stage.distinct()).isNull();
        assertThat(stage.key().src()).isEqualTo(-1);
        SlotProgram.checkFits(stage);
        long[] probe = fields(SRC, ClockCalibrator.PROBE_DST, ClockCalibrator.PROBE_PROTOCOL);
        assertThat(stage.admits(probe)).isTrue();
        assertThat(stage.admits(fields(SRC, ClockCalibrator.PROBE_DST, 17))).isFalse();
        assertThat(stage.admits(fields(SRC, 0x0A000001, ClockCalibrator.PROBE_PROTOCOL))).isFalse();
    }

    @Test
    void onlyReportsOfProbesAreTaken() {
        ClockCalibrator c = new ClockCalibrator(null, null, () -> 0);
        byte[] probe = ClockCalibrator.probeFrame(SRC);
        assertThat(c.offer(report(probe))).isTrue();
        byte[] other = probe.clone();
        other[14 + 9] = 17;
        assertThat(c.offer(report(other))).isFalse();
        assertThat(c.offer(probe)).as("the probe itself, punted rather than reported").isFalse();
    }

    /** A report frame (slot 0 fired, port 255, timestamp 42) around {@code frame}. */
    private static byte[] report(byte[] frame) {
        byte[] r = new byte[26 + frame.length];
        r[12] = (byte) 0x88;
        r[13] = (byte) 0xB5;
        r[14] = 1;
        r[15] = 1;
        r[17] = (byte) 255;
        r[25] = 42;
        System.arraycopy(frame, 0, r, 26, frame.length);
        return r;
    }

    private static long[] fields(int src, int dst, int proto) {
        long[] f = new long[SwitchField.values().length];
        f[SwitchField.IPV4_SRC.ordinal()] = src & 0xFFFFFFFFL;
        f[SwitchField.IPV4_DST.ordinal()] = dst & 0xFFFFFFFFL;
        f[SwitchField.IP_PROTO.ordinal()] = proto;
        return f;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static int i32(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }
}
