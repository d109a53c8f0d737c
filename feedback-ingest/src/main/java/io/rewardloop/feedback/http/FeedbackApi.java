package io.rewardloop.feedback.http;

import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rewardloop.common.RewardLoopException;
import io.rewardloop.feedback.FeedbackIndex;
import io.rewardloop.feedback.IngestConfig;
import io.rewardloop.feedback.Kind;
import io.rewardloop.service.http.HealthStatus;
import io.rewardloop.service.http.HttpService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;

/**
 * The feedback HTTP API, declared in one place:
 *
 * <ul>
 *   <li>{@code POST /v1/preferences}: preferences only;
 *   <li>{@code POST /v1/ratings}: ratings only;
 *   <li>{@code POST /v1/feedback}: either, each item's kind from its {@code kind} or its fields;
 *   <li>{@code GET /openapi.json}: the OpenAPI 3.1 description.
 * </ul>
 *
 * A body is one item (answered 201 accepted, 200 duplicate, 400, 403 or 409) or {@code {"items":
 * [...]}} with 1 to {@code feedback.http.max.batch.items} items (answered 200 with one result per
 * item). The service kit adds {@code /health}, {@code /metrics} and bearer-token auth.
 *
 * <pre>{@code
 * try (Producer<byte[], byte[]> producer = FeedbackPublisher.createProducer(config.kafka());
 *         HttpService http = FeedbackApi.start(config, producer, index, registry, health)) { ... }
 * }</pre>
 */
public final class FeedbackApi {

    /** Preferences. */
    public static final String PREFERENCES_PATH = "/v1/preferences";

    /** Ratings. */
    public static final String RATINGS_PATH = "/v1/ratings";

    /** Either kind. */
    public static final String FEEDBACK_PATH = "/v1/feedback";

    /** The OpenAPI description. */
    public static final String OPENAPI_PATH = "/openapi.json";

    private final FeedbackHandler handler;
    private final String openApi;

    /**
     * Creates the API.
     *
     * @param config limits, objectives and token bindings
     * @param publisher writes to {@code rlhf.feedback}
     * @param index what is already recorded (answers duplicates and conflicts)
     * @param registry where the meters go
     */
    public FeedbackApi(
            IngestConfig config,
            FeedbackPublisher publisher,
            FeedbackIndex index,
            MeterRegistry registry) {
        this.handler =
                new FeedbackHandler(
                        config.validator(),
                        index,
                        publisher,
                        new AnnotatorBinding(config.annotatorTokens()),
                        new FeedbackMetrics(registry),
                        config.maxBodyBytes(),
                        config.maxBatchItems(),
                        answeringPool());
        this.openApi = loadOpenApi();
    }

    /**
     * Declares the routes; pass to {@link HttpService.Builder#optRoutes}.
     *
     * @param routes Javalin's routes
     */
    public void routes(RoutesConfig routes) {
        routes.post(
                PREFERENCES_PATH, ctx -> handler.handle(ctx, Kind.PREFERENCE, PREFERENCES_PATH));
        routes.post(RATINGS_PATH, ctx -> handler.handle(ctx, Kind.RATING, RATINGS_PATH));
        routes.post(FEEDBACK_PATH, ctx -> handler.handle(ctx, null, FEEDBACK_PATH));
        routes.get(OPENAPI_PATH, ctx -> ctx.contentType("application/json").result(openApi));
    }

    /**
     * Starts the HTTP endpoint with this API, {@code /health} and {@code /metrics}.
     *
     * @param config the ingest's configuration ({@link IngestConfig#http()} says where to listen)
     * @param producer an idempotent {@code acks=all} producer ({@link
     *     FeedbackPublisher#createProducer}); the caller closes it after the endpoint
     * @param index what is already recorded; {@link FeedbackIndex#NONE} when unknown
     * @param registry the service's meters, served on {@code /metrics}
     * @param health what {@code /health} reports
     * @return the running endpoint; close it to stop
     */
    public static HttpService start(
            IngestConfig config,
            Producer<byte[], byte[]> producer,
            FeedbackIndex index,
            PrometheusMeterRegistry registry,
            Supplier<HealthStatus> health) {
        return start(config, producer, index, registry, health, routes -> {});
    }

    /**
     * Starts the HTTP endpoint with this API and more routes (e.g. {@code GET /v1/agreement}).
     *
     * @param config the ingest's configuration
     * @param producer an idempotent {@code acks=all} producer
     * @param index what is already recorded
     * @param registry the service's meters
     * @param health what {@code /health} reports
     * @param more declares the other routes, behind the same auth
     * @return the running endpoint; close it to stop
     */
    public static HttpService start(
            IngestConfig config,
            Producer<byte[], byte[]> producer,
            FeedbackIndex index,
            PrometheusMeterRegistry registry,
            Supplier<HealthStatus> health,
            Consumer<RoutesConfig> more) {
        FeedbackApi api = new FeedbackApi(config, new FeedbackPublisher(producer), index, registry);
        return HttpService.builder("feedback-ingest")
                .setSettings(config.http())
                .setHealth(health)
                .optMetrics(registry)
                .optRoutes(
                        routes -> {
                            api.routes(routes);
                            more.accept(routes);
                        })
                .start();
    }

    /**
     * Where answers are built and written once the broker acknowledged: as many daemon threads as
     * cores, which end when idle (so an API that is no longer used leaves no threads behind).
     */
    private static ExecutorService answeringPool() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(
                        threads,
                        threads,
                        30,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        task -> {
                            Thread thread =
                                    new Thread(task, "feedback-answer-" + count.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static String loadOpenApi() {
        try (InputStream in = FeedbackApi.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new RewardLoopException("openapi.json is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RewardLoopException("cannot read openapi.json: " + e.getMessage(), e);
        }
    }
}
