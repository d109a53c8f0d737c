package io.rewardloop.scorer.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves {@code GET /health} (200 when up, 503 otherwise, a small JSON body) and {@code GET
 * /metrics} (Prometheus text format) on the JDK's built-in HTTP server.
 */
public final class HealthServer implements AutoCloseable {

    private final HttpServer server;

    private HealthServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts the server.
     *
     * @param port the port, 0 for any free port
     * @param health what /health reports
     * @param metrics what /metrics renders
     * @return the running server
     */
    public static HealthServer start(int port, Supplier<Health> health, ScorerMetrics metrics) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext("/health", exchange -> respondHealth(exchange, health.get()));
            server.createContext(
                    "/metrics",
                    exchange ->
                            respond(
                                    exchange,
                                    200,
                                    "text/plain; version=0.0.4; charset=utf-8",
                                    metrics.toPrometheusText()));
            server.setExecutor(Executors.newSingleThreadExecutor(HealthServer::daemon));
            server.start();
            return new HealthServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the health server on port " + port, e);
        }
    }

    /**
     * The port it listens on.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void respondHealth(HttpExchange exchange, Health health) throws IOException {
        String body =
                "{\"status\":\""
                        + (health.up() ? "UP" : "DOWN")
                        + "\",\"detail\":\""
                        + json(health.detail())
                        + "\",\"modelVersion\":\""
                        + json(health.modelVersion())
                        + "\"}";
        respond(exchange, health.up() ? 200 : 503, "application/json", body);
    }

    private static void respond(HttpExchange exchange, int status, String type, String body)
            throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static Thread daemon(Runnable runnable) {
        Thread thread = new Thread(runnable, "scorer-http");
        thread.setDaemon(true);
        return thread;
    }
}
