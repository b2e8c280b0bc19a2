package org.intstream.agent.stream;

import io.grpc.ChannelCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * TLS for the agents' gRPC stream, to the controller or to an overlay-tree parent: the server presents a PEM
 * certificate chain and its PEM (PKCS#8) private key; the dialing agent trusts the PEM CA certificate(s) it is
 * given, and checks that the server's certificate names the host it dialed. The token still travels inside.
 */
public final class StreamTls {
    private StreamTls() {
    }

    /**
     * Credentials for dialing over TLS.
     *
     * @throws IllegalArgumentException when the file can't be read or holds no certificate; the message says which
     */
    public static ChannelCredentials client(Path caFile) {
        readable(caFile, "--tls-ca");
        try {
            return TlsChannelCredentials.newBuilder().trustManager(caFile.toFile()).build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("--tls-ca: " + caFile + " is not a PEM CA certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Credentials for serving over TLS.
     *
     * @throws IllegalArgumentException when a file can't be read or does not hold what it should
     */
    public static ServerCredentials server(Path certFile, Path keyFile) {
        readable(certFile, "--tls-cert");
        readable(keyFile, "--tls-key");
        try {
            return TlsServerCredentials.create(certFile.toFile(), keyFile.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("--tls-cert/--tls-key: can't use " + certFile + " and " + keyFile
                    + ": " + e.getMessage(), e);
        }
    }

    /** Checks that both or neither of a server's certificate and key are given. */
    public static void checkPair(Path certFile, Path keyFile) {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both, or neither for "
                    + "plain TCP");
        }
    }

    private static void readable(Path file, String option) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(option + ": can't read " + file);
        }
    }

    /**
     * What went wrong with TLS on a failed stream, with a hint at the remedy; null when TLS wasn't the problem.
     */
    static String problem(Throwable t, Path caFile) {
        SSLException ssl = tlsCause(t);
        if (ssl == null) {
            return null;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.security.cert.CertificateException) {
                return "its certificate is not trusted (" + c.getMessage() + "); is " + caFile
                        + " the CA that signed it, and does it name the host dialed?";
            }
        }
        String message = String.valueOf(ssl.getMessage());
        if (message.startsWith("not an SSL/TLS record")) {
            return "it does not answer in TLS (not an SSL/TLS record); does it serve TLS? A plain port wants no --tls-ca";
        }
        return message + " (is " + caFile + " the CA that signed its certificate, does the certificate name the host "
                + "dialed, and does it serve TLS?)";
    }

    /** The TLS failure among a stream error's causes, or null when it wasn't one. */
    static SSLException tlsCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException s) {
                return s;
            }
        }
        return null;
    }
}
