package io.rewardloop.reliability;

import io.rewardloop.common.ConfigSource;
import io.rewardloop.feedback.IngestConfig;
import io.rewardloop.retrainer.EmbeddingFeedSettings;
import io.rewardloop.retrainer.RetrainerConfig;
import io.rewardloop.retrainer.RoundSettings;
import io.rewardloop.retrainer.TriggerSettings;
import io.rewardloop.scorer.ScorerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scorer, the feedback ingest and the retrainer of one loop, each in its own child JVM, with
 * stable instance ids (a restart fences its killed predecessor at once) and fixed HTTP ports (a
 * client retries against the same address).
 */
final class LoopServices implements AutoCloseable {

    /** The consumer group of the scorers, as the scorer defaults it. */
    static final String SCORER_GROUP = "rlhf-scorer";

    /** The ingest's Kafka Streams application id, its consumer group. */
    static final String INGEST_APPLICATION = "rlhf-feedback-ingest";

    /** How long a (re)started service may take to answer {@code /health} with 200. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    final ServiceProcess scorer;
    final ServiceProcess ingest;
    final ServiceProcess retrainer;

    private LoopServices(String bootstrap, Path out) {
        Map<String, String> common = new HashMap<>();
        common.put("BOOTSTRAP_SERVERS", bootstrap);
        common.put("SCHEMA_REGISTRY_URL", "embedded");
        // A killed member's partitions move after 6 s, not 45 s.
        common.put("KAFKA_CLIENT_SESSION_TIMEOUT_MS", "6000");
        Path logs = out.resolve("logs");

        Map<String, String> scorerEnv = new HashMap<>(common);
        put(scorerEnv, ScorerConfig.INSTANCE_ID, "scorer-reliability");
        put(scorerEnv, ScorerConfig.TRANSACTION_TIMEOUT, "PT10S");
        // Small transactions: a kill lands inside one more often.
        put(scorerEnv, ScorerConfig.MAX_POLL_RECORDS, "40");
        int scorerPort = ReliabilityFixture.freePort();
        put(scorerEnv, ScorerConfig.HTTP_PORT, String.valueOf(scorerPort));
        put(scorerEnv, ScorerConfig.HTTP_BIND, "127.0.0.1");
        scorer = new ServiceProcess("scorer", "768m", scorerPort, scorerEnv, logs);

        Map<String, String> ingestEnv = new HashMap<>(common);
        int ingestPort = ReliabilityFixture.freePort();
        put(ingestEnv, IngestConfig.HTTP_PREFIX + ".port", String.valueOf(ingestPort));
        put(ingestEnv, IngestConfig.HTTP_PREFIX + ".bind", "127.0.0.1");
        put(ingestEnv, IngestConfig.APPLICATION_ID, INGEST_APPLICATION);
        put(ingestEnv, IngestConfig.STATE_DIR, out.resolve("ingest-state").toString());
        // Transactions of about a second (exactly-once's default is 100 ms): a kill lands inside
        // an open one most of the time.
        ingestEnv.put("KAFKA_CLIENT_COMMIT_INTERVAL_MS", "1000");
        ingest = new ServiceProcess("feedback-ingest", "384m", ingestPort, ingestEnv, logs);

        Map<String, String> retrainerEnv = new HashMap<>(common);
        int retrainerPort = ReliabilityFixture.freePort();
        put(retrainerEnv, RetrainerConfig.HTTP_PREFIX + ".port", String.valueOf(retrainerPort));
        put(retrainerEnv, RetrainerConfig.HTTP_PREFIX + ".bind", "127.0.0.1");
        put(retrainerEnv, RetrainerConfig.LINEAGE, ReliabilityFixture.LINEAGE);
        put(retrainerEnv, RetrainerConfig.INSTANCE_ID, "retrainer-reliability");
        put(retrainerEnv, RoundSettings.CACHE_DIR, out.resolve("feature-cache").toString());
        put(retrainerEnv, RoundSettings.MIN_EVAL_PAIRS, "5");
        put(retrainerEnv, RoundSettings.MIN_TRAIN_PAIRS, "15");
        put(retrainerEnv, RoundSettings.GATING_STEPS, "30");
        // Rounds only when the test asks, and no drift feed competing for the two cores.
        put(retrainerEnv, TriggerSettings.FEEDBACK_COUNT, "0");
        put(retrainerEnv, TriggerSettings.ON_DRIFT, "false");
        put(retrainerEnv, TriggerSettings.CHECK_INTERVAL, "PT0.2S");
        put(retrainerEnv, EmbeddingFeedSettings.SAMPLE_FRACTION, "0");
        put(retrainerEnv, EmbeddingFeedSettings.ENSEMBLE_MEMBERS, "0");
        retrainer = new ServiceProcess("retrainer", "768m", retrainerPort, retrainerEnv, logs);
    }

    /**
     * Starts the three services and waits until each is healthy.
     *
     * @param bootstrap the broker
     * @param out the scenario's output folder (logs, state, caches)
     * @return the running services
     */
    static LoopServices start(String bootstrap, Path out) throws IOException {
        LoopServices services = new LoopServices(bootstrap, out);
        try {
            for (ServiceProcess service : services.all()) {
                service.start();
            }
            for (ServiceProcess service : services.all()) {
                service.awaitHealthy(START_TIMEOUT);
            }
        } catch (IOException | RuntimeException | Error e) {
            services.close();
            throw e;
        }
        return services;
    }

    List<ServiceProcess> all() {
        return List.of(scorer, ingest, retrainer);
    }

    private static void put(Map<String, String> env, String key, String value) {
        env.put(ConfigSource.environmentName(key), value);
    }

    @Override
    public void close() {
        for (ServiceProcess service : all()) {
            try {
                service.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
