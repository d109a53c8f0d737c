package io.rewardloop.scorer;

import io.rewardloop.common.ConfigSource;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scorer's entry point: configuration from the environment (see {@link ScorerConfig}), then the
 * service until the process is stopped. A shutdown hook finishes the current transaction and closes
 * everything.
 */
public final class ScorerApp {

    private static final Logger LOG = LoggerFactory.getLogger(ScorerApp.class);

    private ScorerApp() {}

    /**
     * Runs a scorer instance.
     *
     * @param args unused: configuration comes from the environment and system properties
     * @throws InterruptedException when interrupted while running
     */
    public static void main(String[] args) throws InterruptedException {
        ScorerConfig config = ScorerConfig.from(ConfigSource.fromSystem());
        AtomicBoolean stopping = new AtomicBoolean();
        ArtifactModelLoader loader = new ArtifactModelLoader(config.backboneBatchTokens());
        ScorerService service = ScorerService.start(config, loader);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    stopping.set(true);
                                    service.close();
                                    loader.close();
                                },
                                "scorer-shutdown"));
        service.awaitTermination();
        if (!stopping.get()) {
            LOG.error("the scoring loop ended on its own: {}", service.health().detail());
            System.exit(1);
        }
    }
}
