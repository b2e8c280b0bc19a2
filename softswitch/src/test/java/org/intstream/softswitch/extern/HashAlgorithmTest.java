package org.intstream.softswitch.extern;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The catalogue check values of each CRC (input "123456789") and RFC 1071's worked example. */
class HashAlgorithmTest {
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void crc32IsTheStandardCrc() {
        assertThat(HashAlgorithm.CRC32.hash(CHECK, CHECK.length)).isEqualTo(0xCBF43926L);
    }

    @Test
    void crc16IsCrc16Arc() {
        assertThat(HashAlgorithm.CRC16.hash(CHECK, CHECK.length)).isEqualTo(0xBB3DL);
    }

    @Test
    void crcCcittIsCcittFalse() {
        assertThat(HashAlgorithm.CRC_CCITT.hash(CHECK, CHECK.length)).isEqualTo(0x29B1L);
    }

    @Test
    void csum16IsTheInternetChecksumPaddingAnOddByte() {
        // RFC 1071 section 3: words 0001 f203 f4f5 f6f7 sum to ddf2, so the checksum is 220d.
        byte[] words = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        assertThat(HashAlgorithm.CSUM16.hash(words, words.length)).isEqualTo(0x220dL);
        byte[] odd = {0x12, 0x34, 0x56};
        assertThat(HashAlgorithm.CSUM16.hash(odd, 3)).isEqualTo(~(0x1234 + 0x5600) & 0xFFFFL);
    }

    @Test
    void identityTakesTheFirstEightBytesBigEndian() {
        assertThat(HashAlgorithm.IDENTITY.hash(new byte[] {1, 2}, 2)).isEqualTo(0x0102L);
        assertThat(HashAlgorithm.IDENTITY.hash(CHECK, CHECK.length)).isEqualTo(0x3132333435363738L);
    }
}
