package org.intstream.p4runtime;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import p4.config.v1.P4InfoOuterClass.P4Info;

/**
 * Reads a P4Info as p4c writes it: protobuf text ({@code .txt}, {@code .txtpb}, {@code .pb.txt}) or binary
 * ({@code .bin}, {@code .pb}). Text is parsed with unknown fields allowed, because p4c's P4Info schema is
 * newer than the 1.2 stubs (it emits {@code has_initial_entries} for tables with const entries, for one).
 */
public final class P4InfoFiles {

    private P4InfoFiles() {
    }

    public static P4Info read(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        if (name.endsWith(".bin") || name.endsWith(".pb")) {
            try {
                return P4Info.parseFrom(content);
            } catch (InvalidProtocolBufferException e) {
                throw new IOException(file + ": not a binary P4Info: " + e.getMessage(), e);
            }
        }
        return parseText(new String(content, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses P4Info text; {@code source} names the input in error messages. */
    public static P4Info parseText(String text, String source) throws IOException {
        P4Info.Builder builder = P4Info.newBuilder();
        try {
            TextFormat.Parser parser = TextFormat.Parser.newBuilder().setAllowUnknownFields(true).build();
            parser.merge(text, builder);
        } catch (TextFormat.ParseException e) {
            // The message carries "line:column: reason".
            throw new IOException(source + ": not a P4Info text: " + e.getMessage(), e);
        }
        return builder.build();
    }
}
