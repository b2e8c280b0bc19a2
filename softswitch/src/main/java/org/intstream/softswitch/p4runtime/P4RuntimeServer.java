package org.intstream.softswitch.p4runtime;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** Serves a {@link SwitchDevice} over P4Runtime on the loopback address only. */
public final class P4RuntimeServer implements AutoCloseable {
    private final Server server;

    private P4RuntimeServer(Server server) {
        this.server = server;
    }

    /**
     * Starts serving on 127.0.0.1.
     *
     * @param port the TCP port, or 0 for any free one (see {@link #port()})
     */
    public static P4RuntimeServer start(SwitchDevice device, int port) throws IOException {
        Server server = NettyServerBuilder
                .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .addService(new P4RuntimeService(device))
                .maxInboundMessageSize(64 << 20)
                .build()
                .start();
        return new P4RuntimeServer(server);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
