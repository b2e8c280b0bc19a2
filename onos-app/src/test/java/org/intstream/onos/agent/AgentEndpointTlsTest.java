package org.intstream.onos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.intstream.onos.query.WiredIntStreamManager;
import org.intstream.onos.testing.TestCertificates;
import org.intstream.proto.agent.AgentMessage;
import org.intstream.proto.agent.AgentServiceGrpc;
import org.intstream.proto.agent.ControllerMessage;
import org.intstream.proto.agent.Hello;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onosproject.cfg.ComponentConfigAdapter;

/**
 * The agents' endpoint over TLS, with certificates made for the test by openssl ({@link TestCertificates}: a CA,
 * a server certificate it signs for 127.0.0.1, an unrelated CA, an EC pair): an
 * agent trusting the CA (what {@code --tls-ca} does) joins; a plain agent, and one trusting another CA, are
 * refused; TLS files that can't be used leave the endpoint down, never plain, and say why.
 */
class AgentEndpointTlsTest {
    @TempDir
    static Path pki;

    private final WiredIntStreamManager intstream = new WiredIntStreamManager();
    private final AgentEndpointManager endpoint = new AgentEndpointManager();
    private final List<ManagedChannel> channels = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        TestCertificates.make(pki);
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (ManagedChannel c : channels) {
            c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        endpoint.deactivate();
    }

    private static Map<String, Object> tls(String cert, String key) {
        Map<String, Object> p = new HashMap<>();
        p.put(OsgiPropertyConstants.AGENT_PORT, 0);
        p.put(OsgiPropertyConstants.AGENT_ADDRESS, "127.0.0.1");
        p.put(OsgiPropertyConstants.AGENT_TLS_CERT, cert.isEmpty() ? "" : pki.resolve(cert).toString());
        p.put(OsgiPropertyConstants.AGENT_TLS_KEY, key.isEmpty() ? "" : pki.resolve(key).toString());
        return p;
    }

    private void start(Map<String, Object> properties) {
        endpoint.runtime = intstream.runtimeManager;
        endpoint.cfgService = new ComponentConfigAdapter();
        endpoint.activate(properties);
    }

    /**
     * Says hello as agent {@code id} over TLS trusting {@code ca} (null: plain TCP), and returns the first thing
     * the endpoint answers: a message or the stream's failure.
     */
    private Object hello(String id, String ca) throws Exception {
        NettyChannelBuilder b = NettyChannelBuilder.forAddress("127.0.0.1", endpoint.port());
        if (ca == null) {
            b.usePlaintext();
        } else {
            b.sslContext(GrpcSslContexts.forClient().trustManager(pki.resolve(ca).toFile()).build());
        }
        ManagedChannel channel = b.build();
        channels.add(channel);
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        StreamObserver<AgentMessage> stream = AgentServiceGrpc.newStub(channel).connect(new StreamObserver<>() {
            @Override
            public void onNext(ControllerMessage m) {
                received.add(m);
            }

            @Override
            public void onError(Throwable t) {
                received.add(t);
            }

            @Override
            public void onCompleted() {
                received.add("completed");
            }
        });
        stream.onNext(AgentMessage.newBuilder().setHello(Hello.newBuilder().setAgentId(id)
                .setObservationPoint(id + "/eth0").setVersion("test")).build());
        Object answer = received.poll(10, TimeUnit.SECONDS);
        assertThat(answer).as("an answer within 10 s").isNotNull();
        return answer;
    }

    private static boolean causedBySsl(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anAgentTrustingTheCaJoinsAndPlainOrWronglyTrustingOnesAreRefused() throws Exception {
        start(tls("server.pem", "server.key"));
        assertThat(endpoint.port()).isPositive();
        assertThat(endpoint.tls()).isTrue();
        assertThat(endpoint.problem()).isNull();

        Object welcome = hello("h1", "ca.pem");
        assertThat(welcome).isInstanceOf(ControllerMessage.class);
        assertThat(((ControllerMessage) welcome).hasWelcome()).isTrue();
        assertThat(intstream.agents()).extracting(a -> a.id() + " " + a.connected()).containsExactly("h1 true");

        Object plain = hello("plain", null);
        assertThat(plain).isInstanceOf(Throwable.class);
        assertThat(Status.fromThrowable((Throwable) plain).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        Object untrusted = hello("untrusted", "other-ca.pem");
        assertThat(untrusted).isInstanceOf(Throwable.class);
        assertThat(Status.fromThrowable((Throwable) untrusted).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(causedBySsl((Throwable) untrusted)).as("the handshake failed: " + untrusted).isTrue();
        assertThat(intstream.agents()).extracting(a -> a.id()).containsExactly("h1");
    }

    @Test
    void anEcCertificateServesToo() throws Exception {
        start(tls("ec.pem", "ec.key"));
        assertThat(endpoint.tls()).isTrue();
        assertThat(((ControllerMessage) hello("h2", "ec.pem")).hasWelcome()).isTrue();
    }

    @Test
    void tlsFilesThatCantBeUsedLeaveTheEndpointDownSayingWhy() throws Exception {
        start(tls("", ""));
        assertThat(endpoint.port()).as("plain TCP without the two").isPositive();
        assertThat(endpoint.tls()).isFalse();

        endpoint.modified(tls("server.pem", ""));
        assertThat(endpoint.port()).as("down, not plain TCP").isEqualTo(-1);
        assertThat(endpoint.tls()).isFalse();
        assertThat(endpoint.problem())
                .isEqualTo("agentTlsCert and agentTlsKey go together: give both, or neither for plain TCP");

        endpoint.modified(tls("server.pem", "missing.key"));
        assertThat(endpoint.problem()).isEqualTo("agentTlsKey: can't read " + pki.resolve("missing.key"));
        endpoint.modified(tls("san.cnf", "server.key"));
        assertThat(endpoint.problem()).startsWith("agentTlsCert: " + pki.resolve("san.cnf")
                + " is not a PEM certificate chain: ");
        endpoint.modified(tls("server.pem", "other.key"));
        assertThat(endpoint.problem()).isEqualTo("agentTlsKey: " + pki.resolve("other.key") + " is not the private "
                + "key of the certificate in " + pki.resolve("server.pem") + " (CN=127.0.0.1)");
        endpoint.modified(tls("server.pem", "server-pkcs1.key"));
        assertThat(endpoint.problem()).startsWith("agentTlsKey: " + pki.resolve("server-pkcs1.key") + " is not an "
                + "unencrypted PEM PKCS#8 private key (-----BEGIN PRIVATE KEY-----): it is not PKCS#8 (convert it: "
                + "openssl pkcs8 -topk8 -nocrypt -in ");
        String key = Files.readString(pki.resolve("server.key"));
        Files.writeString(pki.resolve("cut.key"), key.substring(0, key.length() / 2));
        endpoint.modified(tls("server.pem", "cut.key"));
        assertThat(endpoint.problem()).isEqualTo("agentTlsKey: " + pki.resolve("cut.key") + " is not an unencrypted "
                + "PEM PKCS#8 private key (-----BEGIN PRIVATE KEY-----): it ends without -----END PRIVATE KEY-----");
        endpoint.modified(tls("server.pem", "ec.key"));
        assertThat(endpoint.problem()).startsWith("agentTlsKey: " + pki.resolve("ec.key") + " is not an RSA private "
                + "key, as the certificate's public key is: ");
        assertThat(endpoint.port()).isEqualTo(-1);

        endpoint.modified(tls("server.pem", "server.key"));
        assertThat(endpoint.problem()).isNull();
        assertThat(endpoint.tls()).isTrue();
        assertThat(((ControllerMessage) hello("h3", "ca.pem")).hasWelcome()).isTrue();
    }
}
