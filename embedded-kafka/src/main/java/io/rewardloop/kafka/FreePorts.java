package io.rewardloop.kafka;

import io.rewardloop.common.RewardLoopException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds loopback ports that nothing listens on. */
final class FreePorts {

    private FreePorts() {}

    /**
     * A port that was free a moment ago; the broker binds it right after.
     *
     * @return the port number
     */
    static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new RewardLoopException("No free loopback port", e);
        }
    }

    /**
     * Fails fast, with a message people can act on, when a chosen port is taken (Kafka itself would
     * fail deep inside its start-up with a stack of wrapped exceptions).
     *
     * @param port the port the broker is about to bind
     */
    static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(BrokerSettings.HOST), port));
        } catch (IOException e) {
            throw new RewardLoopException(
                    "Port "
                            + port
                            + " on "
                            + BrokerSettings.HOST
                            + " is already in use (another Kafka broker?); choose another port,"
                            + " or 0 for any free one",
                    e);
        }
    }
}
