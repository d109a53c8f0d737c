package io.rewardloop.retrainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.events.RewardScored;
import io.rewardloop.events.RoundOutcome;
import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.cache.DiskCachedBackbone;
import io.rewardloop.model.scoring.BackboneCatalog;
import io.rewardloop.schemas.Topics;
import io.rewardloop.service.ServiceMetrics;
import io.rewardloop.service.ServiceRunner;
import io.rewardloop.service.http.HealthStatus;
import io.rewardloop.service.http.HttpService;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running retrainer instance: the feedback reader, the leader's round loop, and the HTTP
 * endpoint ({@code /health}, {@code /metrics}, {@code POST /v1/retrain}, {@code GET /v1/rounds}),
 * started and stopped together.
 */
public final class RetrainerService implements ServiceRunner.Service {

    /** Path that asks for a round by hand. */
    public static final String RETRAIN_PATH = "/v1/retrain";

    /** Path that shows the running round and the last outcomes. */
    public static final String ROUNDS_PATH = "/v1/rounds";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OUTCOMES_KEPT = 20;

    private final RetrainerConfig config;
    private final PrometheusMeterRegistry registry = ServiceMetrics.newRegistry();
    private final FeedbackLog log = new FeedbackLog();
    private final DriftWatch drift;
    private final EmbeddingWatch embeddings;
    private final EmbeddingFeed feed;
    private final BackboneCatalog feedCatalog = new BackboneCatalog();
    private final StreamFollower follower;
    private final RoundCoordinator coordinator;
    private final RequestWriter requests;
    private final BackboneCatalog catalog = new BackboneCatalog();
    private final Map<String, Backbone> backbones = new HashMap<>();
    private final Deque<Map<String, Object>> outcomes = new ArrayDeque<>();
    private final ServiceThreads threads = new ServiceThreads();
    private final Thread followerThread;
    private final Thread coordinatorThread;
    private final Thread feedThread;
    private final HttpService http;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile RoundProgress progress;

    private RetrainerService(RetrainerConfig config, ChannelConfig channel) {
        this.config = config;
        Clock clock = Clock.systemUTC();
        this.drift = new DriftWatch(config.drift(), config.driftReferenceSize());
        int feedWindow = config.embedFeed().windowSize();
        this.embeddings =
                new EmbeddingWatch(config.drift().withWindowSize(feedWindow), 2 * feedWindow);
        this.feed =
                new EmbeddingFeed(
                        config.embedFeed(),
                        embeddings,
                        () -> LineageState.read(config.kafka(), channel, config.lineage()).live(),
                        this::feedBackbones,
                        () -> log.snapshot().pairs(),
                        config.drift().seed());
        this.follower =
                new StreamFollower(
                        config.kafka(), config.instanceId() + "-feedback", log, driftInputs());
        TriggerCheck triggers =
                new TriggerCheck(
                        config.triggers(),
                        log::pairCount,
                        () -> {
                            List<ControlEvent> alarms = new ArrayList<>(drift.takeAlarms());
                            alarms.addAll(embeddings.takeAlarms());
                            return alarms;
                        },
                        clock.instant());
        Rounds rounds = new Rounds(config, channel, log, this::backbone, p -> progress = p, clock);
        Map<RoundOutcome, Counter> finished = new HashMap<>();
        for (RoundOutcome outcome : RoundOutcome.values()) {
            finished.put(
                    outcome,
                    Counter.builder("rlhf_retrainer_rounds")
                            .description("Training rounds by outcome")
                            .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                            .register(registry));
        }
        this.coordinator =
                new RoundCoordinator(
                        config,
                        log,
                        follower,
                        rounds,
                        triggers,
                        new RetrainerListener() {
                            @Override
                            public void onLeadership(boolean leader) {
                                if (leader) {
                                    LiveModel live =
                                            LineageState.read(
                                                            config.kafka(),
                                                            channel,
                                                            config.lineage())
                                                    .live();
                                    triggers.trainedOn(live == null ? 0 : live.pairsTrained());
                                }
                            }

                            @Override
                            public void onRoundFinished(
                                    List<RoundRequest> answered, RoundResult result) {
                                finished.get(result.outcome()).increment();
                                remember(answered, result);
                            }
                        },
                        clock);
        registry.gauge("rlhf_retrainer_leader", coordinator, c -> c.isLeader() ? 1 : 0);
        registry.gauge("rlhf_retrainer_pairs_read", log, l -> l.pairCount());
        registry.gauge("rlhf_retrainer_ratings_read", log, l -> l.ratingCount());
        registry.gauge("rlhf_retrainer_records_skipped", follower, f -> f.skipped());
        registry.gauge("rlhf_retrainer_control_skipped", coordinator, c -> c.skipped());
        registry.gauge("rlhf_retrainer_drift_embedded", feed, f -> f.embedded());
        registry.gauge("rlhf_retrainer_drift_dropped", feed, f -> f.dropped());
        this.requests = new RequestWriter(config.kafka(), config.instanceId() + "-requests");
        this.followerThread = threads.add("retrainer-feedback", follower);
        this.coordinatorThread = threads.add("retrainer-rounds", coordinator);
        this.feedThread = threads.add("retrainer-drift-feed", feed);
        this.http =
                config.http().enabled()
                        ? HttpService.builder("retrainer")
                                .setSettings(config.http())
                                .setHealth(this::health)
                                .optMetrics(registry)
                                .optRoutes(
                                        routes -> {
                                            routes.post(RETRAIN_PATH, this::retrain);
                                            routes.get(ROUNDS_PATH, this::rounds);
                                        })
                                .start()
                        : null;
    }

    /**
     * Starts an instance.
     *
     * @param config the configuration
     * @param channel the model channel (artifact store, signing)
     * @return the running instance
     */
    public static RetrainerService start(RetrainerConfig config, ChannelConfig channel) {
        RetrainerService service = new RetrainerService(config, channel);
        service.threads.start();
        return service;
    }

    /**
     * The HTTP port.
     *
     * @return the port, empty when HTTP is off
     */
    public Optional<Integer> httpPort() {
        return Optional.ofNullable(http).map(HttpService::port);
    }

    /**
     * Whether this instance runs the rounds.
     *
     * @return true on the leader
     */
    public boolean isLeader() {
        return coordinator.isLeader();
    }

    /**
     * The feedback read so far.
     *
     * @return the log
     */
    public FeedbackLog feedback() {
        return log;
    }

    /**
     * Returns as soon as any of the service's threads (feedback reader, round loop, drift feed) has
     * ended: after {@link #close()}, or when one died, which {@link #failure()} then names.
     *
     * @throws InterruptedException when interrupted
     */
    @Override
    public void awaitTermination() throws InterruptedException {
        threads.awaitAny();
    }

    @Override
    public String describe() {
        return "rlhf.preferences, rlhf.ratings, rlhf.responses -> rounds -> rlhf.models (lineage "
                + config.lineage()
                + ")"
                + httpPort()
                        .map(p -> ", http://" + config.http().bind() + ":" + p + "/v1/rounds")
                        .orElse("");
    }

    @Override
    public Optional<String> failure() {
        return threads.failure().map(Throwable::getMessage);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        coordinator.stop();
        follower.stop();
        feed.stop();
        try {
            coordinatorThread.join(60_000);
            followerThread.join(10_000);
            feedThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (http != null) {
            http.close();
        }
        requests.close();
        synchronized (backbones) {
            backbones.values().forEach(Backbone::close);
        }
        catalog.close();
        feedCatalog.close();
    }

    /** The drift feed's own backbone: it embeds on its own thread, the rounds on theirs. */
    private EmbeddingFeed.Backbones feedBackbones(String id) {
        Backbone direct = feedCatalog.get(id);
        DiskCachedBackbone cached =
                new DiskCachedBackbone(direct, config.round().cacheDir().resolve("drift"));
        return new EmbeddingFeed.Backbones(cached, direct, cached::size);
    }

    private StreamFollower.Listener driftInputs() {
        return new StreamFollower.Listener() {
            @Override
            public void onReward(RewardScored scored, boolean live) {
                drift.onReward(scored, live);
                feed.versionSeen(scored.getModelVersion());
            }

            @Override
            public void onResponse(ResponseGenerated response, long timestamp, boolean live) {
                feed.offerResponse(
                        response.getPromptId(),
                        response.getPrompt(),
                        response.getResponse(),
                        timestamp,
                        live);
            }

            @Override
            public void onPreference(PreferenceRecorded preference, long timestamp, boolean live) {
                feed.offerPair(FeedbackLog.pairOf(preference), timestamp, live);
            }
        };
    }

    private Backbone backbone(String id) {
        synchronized (backbones) {
            return backbones.computeIfAbsent(
                    id, k -> new DiskCachedBackbone(catalog.get(k), config.round().cacheDir()));
        }
    }

    private HealthStatus health() {
        Optional<String> failed = failure();
        if (failed.isPresent()) {
            return HealthStatus.down("failed: " + failed.get());
        }
        if (!follower.caughtUp()) {
            return HealthStatus.down("reading the feedback so far");
        }
        RoundProgress now = progress;
        String role = coordinator.isLeader() ? "leader" : "standby";
        Map<String, String> details = new LinkedHashMap<>();
        details.put("role", role);
        details.put("pairs", String.valueOf(log.pairCount()));
        if (now != null) {
            details.put("phase", now.phase());
        }
        return new HealthStatus(true, role, details);
    }

    private void retrain(Context ctx) {
        String reason = RetrainRequestBody.reason(ctx, "asked over HTTP");
        ControlEvent event = requests.request(config.lineage(), reason, "http");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("requestId", event.getEventId());
        answer.put("lineage", config.lineage());
        answer.put("topic", Topics.CONTROL.name());
        ctx.status(202).contentType("application/json").result(write(answer));
    }

    private void rounds(Context ctx) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("lineage", config.lineage());
        answer.put("role", coordinator.isLeader() ? "leader" : "standby");
        answer.put("pairs", log.pairCount());
        answer.put("ratings", log.ratingCount());
        RoundProgress now = progress;
        if (now != null && !now.phase().equals("idle")) {
            Map<String, Object> running = new LinkedHashMap<>();
            running.put("requestId", now.requestId());
            running.put("phase", now.phase());
            running.put("done", now.done());
            running.put("total", now.total());
            running.put("startedAt", now.startedAt().toString());
            answer.put("running", running);
        }
        synchronized (outcomes) {
            answer.put("finished", new ArrayList<>(outcomes));
        }
        ctx.contentType("application/json").result(write(answer));
    }

    private void remember(List<RoundRequest> answered, RoundResult result) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("requestIds", answered.stream().map(RoundRequest::eventId).toList());
        outcome.put("trigger", answered.get(answered.size() - 1).trigger().name());
        outcome.put("outcome", result.outcome().name());
        outcome.put("reason", result.reason());
        outcome.put("candidateVersion", result.candidateVersion());
        outcome.put("parentVersion", result.parentVersion());
        outcome.put("metrics", result.metrics());
        synchronized (outcomes) {
            outcomes.addFirst(outcome);
            while (outcomes.size() > OUTCOMES_KEPT) {
                outcomes.removeLast();
            }
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
