package io.rewardloop.service.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rewardloop.common.RewardLoopException;
import io.rewardloop.service.HttpSettings;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's HTTP endpoint on Javalin 7 (Jetty 12): {@code GET /health} (200 UP / 503 DOWN, JSON),
 * {@code GET /metrics} (Prometheus text from Micrometer's registry) and the service's own routes,
 * declared in one place. When tokens are configured every path except {@code /health} requires
 * {@code Authorization: Bearer <token>} ({@code /metrics} too: point Prometheus' {@code
 * authorization} scrape setting at a token). Every error, the service's own included, is answered
 * as {@code application/problem+json} (RFC 9457).
 *
 * <pre>{@code
 * HttpService http = HttpService.builder("feedback-ingest")
 *         .setSettings(HttpSettings.from(source, "ingest.http", 8081))
 *         .setHealth(service::health)
 *         .optMetrics(registry)
 *         .optRoutes(routes -> routes.post("/v1/preferences", preferences::handle))
 *         .start();
 * }</pre>
 */
public final class HttpService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The health path: never behind auth, so orchestrators can probe it. */
    public static final String HEALTH_PATH = "/health";

    /** The metrics path. */
    public static final String METRICS_PATH = "/metrics";

    /** Prometheus' text exposition format. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final String name;
    private final Javalin app;
    private final HttpSettings settings;
    private final int port;

    private HttpService(String name, Javalin app, HttpSettings settings) {
        this.name = name;
        this.app = app;
        this.settings = settings;
        this.port = app.port();
    }

    /**
     * Starts building a service endpoint.
     *
     * @param name the service's name, for logs and thread names
     * @return the builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * The port it listens on (the chosen one when configured with 0).
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Where it listens, for people: {@code http://bind:port}.
     *
     * @return the base URL
     */
    public String baseUrl() {
        return "http://" + settings.bind() + ":" + port();
    }

    /**
     * Sends a problem answer.
     *
     * @param ctx the request
     * @param problem the answer
     */
    public static void respond(Context ctx, Problem problem) {
        ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE).result(json(problem));
    }

    /** Stops listening at once. Idempotent. */
    @Override
    public void close() {
        app.stop();
        LOG.info("{} HTTP endpoint on {} stopped", name, baseUrl());
    }

    private static void health(Context ctx, HealthStatus health) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", health.up() ? "UP" : "DOWN");
        body.put("detail", health.detail());
        health.details().forEach(body::put);
        ctx.status(health.up() ? 200 : 503).contentType("application/json").result(json(body));
    }

    private static void authorize(Context ctx, BearerAuth auth) {
        if (HEALTH_PATH.equals(ctx.path()) || auth.allows(ctx.header("Authorization"))) {
            return;
        }
        ctx.header("WWW-Authenticate", "Bearer");
        throw new ProblemException(
                Problem.of(401, "Unauthorized", "a valid 'Authorization: Bearer' token is needed"));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new RewardLoopException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static void declareErrors(RoutesConfig routes, String name) {
        routes.exception(ProblemException.class, (e, ctx) -> respond(ctx, e.problem()));
        routes.exception(
                HttpResponseException.class,
                (e, ctx) ->
                        respond(
                                ctx,
                                Problem.of(
                                        e.getStatus(),
                                        HttpStatus.forStatus(e.getStatus()).getMessage(),
                                        e.getMessage())));
        routes.exception(
                Exception.class,
                (e, ctx) -> {
                    // The cause goes to the log, never to the caller.
                    LOG.error("{}: {} {} failed", name, ctx.method(), ctx.path(), e);
                    respond(ctx, Problem.of(500, "Internal Server Error", "see the service log"));
                });
        routes.error(
                404,
                ctx -> {
                    if (!Problem.CONTENT_TYPE.equals(ctx.contentType())) {
                        respond(ctx, Problem.of(404, "Not Found", "no route " + ctx.path()));
                    }
                });
    }

    /**
     * Builds and starts a {@link HttpService}, DJL-style: {@code set} required, {@code opt} not.
     */
    public static final class Builder {

        private final String name;
        private HttpSettings settings;
        private Supplier<HealthStatus> health;
        private PrometheusMeterRegistry metrics;
        private Consumer<RoutesConfig> routes = r -> {};

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * Where to listen and who may call.
         *
         * @param settings bind address, port, tokens
         * @return this builder
         */
        public Builder setSettings(HttpSettings settings) {
            this.settings = settings;
            return this;
        }

        /**
         * What {@code /health} reports; called on each request, so keep it cheap.
         *
         * @param health the current status
         * @return this builder
         */
        public Builder setHealth(Supplier<HealthStatus> health) {
            this.health = health;
            return this;
        }

        /**
         * Serves this registry on {@code /metrics}.
         *
         * @param registry the service's meters
         * @return this builder
         */
        public Builder optMetrics(PrometheusMeterRegistry registry) {
            this.metrics = registry;
            return this;
        }

        /**
         * The service's own routes (all behind auth when tokens are set).
         *
         * @param declare declares them on Javalin's routes
         * @return this builder
         */
        public Builder optRoutes(Consumer<RoutesConfig> declare) {
            this.routes = Objects.requireNonNull(declare, "routes");
            return this;
        }

        /**
         * Starts listening.
         *
         * @return the running endpoint
         * @throws RewardLoopException when the address cannot be bound
         */
        public HttpService start() {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(health, "health");
            if (!settings.enabled()) {
                throw new IllegalStateException(name + ": the HTTP endpoint is off (port -1)");
            }
            BearerAuth auth = new BearerAuth(settings.tokens());
            QueuedThreadPool threads = new QueuedThreadPool(16, 2);
            threads.setName(name + "-http");
            threads.setDaemon(true);
            Javalin app =
                    Javalin.create(
                            config -> {
                                config.startup.showJavalinBanner = false;
                                config.startup.showOldJavalinVersionWarning = false;
                                config.jetty.host = settings.bind();
                                config.jetty.port = settings.port();
                                config.jetty.threadPool = threads;
                                config.routes.before(ctx -> authorize(ctx, auth));
                                config.routes.get(HEALTH_PATH, ctx -> health(ctx, health.get()));
                                if (metrics != null) {
                                    config.routes.get(
                                            METRICS_PATH,
                                            ctx ->
                                                    ctx.contentType(PROMETHEUS_CONTENT_TYPE)
                                                            .result(metrics.scrape()));
                                }
                                routes.accept(config.routes);
                                declareErrors(config.routes, name);
                            });
            try {
                app.start();
            } catch (RuntimeException e) {
                throw new RewardLoopException(
                        name
                                + ": cannot listen on "
                                + settings.bind()
                                + ":"
                                + settings.port()
                                + ": "
                                + e.getMessage(),
                        e);
            }
            HttpService service = new HttpService(name, app, settings);
            LOG.info(
                    "{} HTTP endpoint on {} ({}, {})",
                    name,
                    service.baseUrl(),
                    metrics == null ? "/health" : "/health and /metrics",
                    auth.enabled() ? "bearer tokens required but for /health" : "no auth");
            return service;
        }
    }
}
