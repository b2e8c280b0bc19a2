package org.intstream.p4runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import p4.config.v1.P4InfoOuterClass.P4Info;

/**
 * What SetForwardingPipelineConfig pushes: the P4Info and the target's device config (BMv2's JSON). The
 * cookie is a hash of both, sent along with them, so after a reconnect the driver can ask the switch for
 * its cookie and tell whether it still runs this pipeline or has lost it.
 */
public final class PipelineConfig {

    private final P4Info p4info;
    private final byte[] deviceConfig;
    private final long cookie;

    public PipelineConfig(P4Info p4info, byte[] deviceConfig) {
        this.p4info = Objects.requireNonNull(p4info, "p4info can't be null");
        this.deviceConfig = Objects.requireNonNull(deviceConfig, "device config can't be null").clone();
        this.cookie = hash(p4info.toByteArray(), this.deviceConfig);
    }

    /** Reads a P4Info (text or binary, see {@link P4InfoFiles}) and a BMv2 JSON file. */
    public static PipelineConfig fromFiles(Path p4infoFile, Path deviceConfigFile) throws IOException {
        return new PipelineConfig(P4InfoFiles.read(p4infoFile), Files.readAllBytes(deviceConfigFile));
    }

    public P4Info p4info() {
        return p4info;
    }

    public byte[] deviceConfig() {
        return deviceConfig.clone();
    }

    /** Identifies this exact pipeline on the switch. */
    public long cookie() {
        return cookie;
    }

    private static long hash(byte[] p4info, byte[] device) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(p4info);
            sha.update(device);
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
