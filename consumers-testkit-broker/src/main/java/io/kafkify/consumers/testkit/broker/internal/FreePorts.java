package io.kafkify.consumers.testkit.broker.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks TCP ports on the loopback address that are free now. Another process may take one
 * before the broker binds it; the broker then fails to start and says so in its log.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * @param count how many distinct ports
     * @return {@code count} distinct ports that were free on 127.0.0.1 when this returned
     */
    public static List<Integer> onLoopback(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            // All held open together, so that the kernel cannot hand out the same port twice.
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                socket.setReuseAddress(true);
                sockets.add(socket);
            }
            List<Integer> ports = new ArrayList<>();
            for (ServerSocket socket : sockets) {
                ports.add(socket.getLocalPort());
            }
            return List.copyOf(ports);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not bind a free port on 127.0.0.1", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing an unconnected server socket does not fail in a way that matters.
                }
            }
        }
    }
}
