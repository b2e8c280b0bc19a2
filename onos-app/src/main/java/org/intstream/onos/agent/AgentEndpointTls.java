package org.intstream.onos.agent;

import static org.intstream.onos.agent.OsgiPropertyConstants.AGENT_TLS_CERT;
import static org.intstream.onos.agent.OsgiPropertyConstants.AGENT_TLS_KEY;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

/**
 * TLS for the agents' endpoint, as the standalone controller's {@code --tls-cert/--tls-key}: a PEM certificate
 * chain (the server's certificate first) and its PEM PKCS#8 private key, unencrypted, RSA or EC. Agents trust it
 * with {@code --tls-ca} and check that the certificate names the host they dial. The pair is checked here, with
 * a message naming the property and the file, before the server is built: gRPC 1.22's JDK provider would take a
 * key that does not belong to the certificate and only fail every agent's handshake.
 */
final class AgentEndpointTls {
    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String KEY_END = "-----END PRIVATE KEY-----";

    private AgentEndpointTls() {
    }

    /**
     * Checks that both or neither of the properties are set.
     *
     * @return whether the endpoint serves TLS
     * @throws IllegalArgumentException when only one is set
     */
    static boolean wanted(String certFile, String keyFile) {
        if (certFile.isEmpty() != keyFile.isEmpty()) {
            throw new IllegalArgumentException(AGENT_TLS_CERT + " and " + AGENT_TLS_KEY
                    + " go together: give both, or neither for plain TCP");
        }
        return !certFile.isEmpty();
    }

    /**
     * The server's TLS context (HTTP/2 over ALPN, as gRPC needs) from the two files.
     *
     * @throws IllegalArgumentException when a file can't be read or does not hold what it should, or the key is
     *     not the certificate's; the message says which
     */
    static SslContext serverContext(String certFile, String keyFile) {
        X509Certificate[] chain = certificates(Path.of(certFile));
        PrivateKey key = privateKey(Path.of(keyFile), chain[0].getPublicKey().getAlgorithm());
        checkPair(chain[0], key, certFile, keyFile);
        try {
            return GrpcSslContexts.configure(SslContextBuilder.forServer(key, chain)).build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(AGENT_TLS_CERT + "/" + AGENT_TLS_KEY + ": can't serve TLS with "
                    + certFile + " and " + keyFile + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate[] certificates(Path file) {
        byte[] pem = read(file, AGENT_TLS_CERT);
        Collection<? extends java.security.cert.Certificate> certs;
        try {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
        } catch (CertificateException e) {
            throw new IllegalArgumentException(AGENT_TLS_CERT + ": " + file + " is not a PEM certificate chain: "
                    + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException(AGENT_TLS_CERT + ": " + file + " holds no PEM certificate");
        }
        return certs.toArray(new X509Certificate[0]);
    }

    private static PrivateKey privateKey(Path file, String algorithm) {
        String pem = new String(read(file, AGENT_TLS_KEY), StandardCharsets.US_ASCII);
        int begin = pem.indexOf(KEY_BEGIN);
        int end = pem.indexOf(KEY_END);
        if (begin < 0 || end < begin) {
            String hint = begin >= 0 ? "it ends without " + KEY_END
                    : pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") ? "it is encrypted"
                    : pem.contains("PRIVATE KEY-----") ? "it is not PKCS#8 (convert it: openssl pkcs8 -topk8 -nocrypt "
                    + "-in " + file + ")" : "it holds no private key";
            throw new IllegalArgumentException(AGENT_TLS_KEY + ": " + file + " is not an unencrypted PEM PKCS#8 "
                    + "private key (" + KEY_BEGIN + "): " + hint);
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + KEY_BEGIN.length(), end));
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(AGENT_TLS_KEY + ": " + file + " is not an " + algorithm
                    + " private key, as the certificate's public key is: " + e.getMessage(), e);
        }
    }

    /** Signs with the key and verifies with the certificate: they belong together only if that holds. */
    private static void checkPair(X509Certificate cert, PrivateKey key, String certFile, String keyFile) {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
        boolean matches;
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(AGENT_TLS_CERT + "/" + AGENT_TLS_KEY + ": can't check that " + keyFile
                    + " is the key of " + certFile + ": " + e.getMessage(), e);
        }
        if (!matches) {
            throw new IllegalArgumentException(AGENT_TLS_KEY + ": " + keyFile + " is not the private key of the "
                    + "certificate in " + certFile + " (" + cert.getSubjectDN().getName() + ")");
        }
    }

    private static byte[] read(Path file, String property) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(property + ": can't read " + file);
        }
    }
}
