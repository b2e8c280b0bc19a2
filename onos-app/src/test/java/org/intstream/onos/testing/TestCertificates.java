package org.intstream.onos.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made by openssl for a test, as the standalone controller's AgentTlsTest makes its own: in the
 * given directory, {@code ca.pem} (a CA), {@code server.pem} and {@code server.key} (PKCS#8; a certificate the CA
 * signs for 127.0.0.1 and localhost), {@code other-ca.pem} and {@code other.key} (an unrelated CA and its key),
 * {@code server-pkcs1.key} (the server's key as PKCS#1), {@code ec.pem} and {@code ec.key} (a self-signed P-256
 * certificate for 127.0.0.1) and {@code san.cnf} (not a certificate).
 */
public final class TestCertificates {
    private TestCertificates() {
    }

    public static void make(Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("san.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days",
                "2", "-subj", "/CN=IntStream test CA");
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=127.0.0.1");
        openssl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "2", "-extfile", "san.cnf");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other.key", "-out", "other-ca.pem",
                "-days", "2", "-subj", "/CN=Some other CA");
        openssl(dir, "rsa", "-in", "server.key", "-traditional", "-out", "server-pkcs1.key");
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                "ec.key", "-out", "ec.pem", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext",
                "subjectAltName=IP:127.0.0.1");
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("openssl " + String.join(" ", args) + ":\n" + out).isZero();
    }
}
