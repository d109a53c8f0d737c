package io.rewardloop.launcher;

import io.rewardloop.feedback.FeedbackIngestService;
import io.rewardloop.retrainer.RetrainerService;
import io.rewardloop.scorer.ScorerService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services {@code rlhf up} and {@code rlhf demo} run next to a {@link KafkaStack}: the scorer,
 * the feedback ingest, the retrainer and the status page, started in that order and stopped in
 * reverse. Closing it early (Ctrl-C during start-up) stops the ones started so far.
 */
final class UpServices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UpServices.class);

    /**
     * Which services to start.
     *
     * @param scorer the scorer
     * @param ingest the feedback ingest
     * @param retrainer the retrainer
     * @param status the status page
     */
    record Selection(boolean scorer, boolean ingest, boolean retrainer, boolean status) {

        /** Every service. */
        static final Selection ALL = new Selection(true, true, true, true);
    }

    private final Deque<AutoCloseable> started = new ConcurrentLinkedDeque<>();
    private volatile LocalService<ScorerService> scorer;
    private volatile LocalService<FeedbackIngestService> ingest;
    private volatile LocalService<RetrainerService> retrainer;

    /**
     * Starts (or connects to) the cluster, the topics and the registry, saying so on the console.
     *
     * @param config what to start
     * @param out the console
     * @return the running stack
     */
    static KafkaStack startStack(UpConfig config, PrintWriter out) {
        out.println(
                config.embeddedBroker()
                        ? "Starting an embedded Kafka broker (KRaft, one node) and the topics..."
                        : "Creating the topics on "
                                + config.bootstrapServers().orElseThrow()
                                + "...");
        out.flush();
        KafkaStack stack = KafkaStack.start(config);
        ConsoleReport.stack(out, stack, config);
        return stack;
    }

    /**
     * Starts the selected services.
     *
     * @param stack the running broker
     * @param cluster the command's options
     * @param model a model to publish before the scorer starts, or null
     * @param defaults settings the services take unless the environment, a system property or a
     *     flag gives them
     * @param which the services to start
     * @param out the console
     */
    void start(
            KafkaStack stack,
            ClusterOptions cluster,
            Path model,
            Map<String, String> defaults,
            Selection which,
            PrintWriter out) {
        if (which.scorer()) {
            scorer = ScorerRuntime.start(stack, cluster, defaults, model, out);
            started.push(scorer);
        }
        Optional<String> ingestUrl = Optional.empty();
        if (which.ingest()) {
            ingest = IngestRuntime.start(stack, cluster, defaults, out);
            started.push(ingest);
            ingestUrl = Optional.of(ingest.service().baseUrl());
        }
        if (which.retrainer()) {
            retrainer = RetrainerRuntime.start(stack, cluster, defaults, out);
            started.push(retrainer);
        }
        if (which.status()) {
            started.push(StatusRuntime.start(stack, cluster, defaults, ingestUrl, out));
        }
    }

    /**
     * The scorer.
     *
     * @return it, when started
     */
    Optional<ScorerService> scorer() {
        return Optional.ofNullable(scorer).map(LocalService::service);
    }

    /**
     * The feedback ingest.
     *
     * @return it, when started
     */
    Optional<FeedbackIngestService> ingest() {
        return Optional.ofNullable(ingest).map(LocalService::service);
    }

    /**
     * The retrainer.
     *
     * @return it, when started
     */
    Optional<RetrainerService> retrainer() {
        return Optional.ofNullable(retrainer).map(LocalService::service);
    }

    /** Stops the started services, the last started first; a failure is logged, not thrown. */
    @Override
    public void close() {
        AutoCloseable service;
        while ((service = started.poll()) != null) {
            try {
                service.close();
            } catch (Exception e) {
                LOG.warn("stopping a service failed", e);
            }
        }
    }
}
