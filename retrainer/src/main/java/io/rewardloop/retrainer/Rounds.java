package io.rewardloop.retrainer;

import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.channel.ModelPublisher;
import io.rewardloop.events.RoundOutcome;
import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.service.KafkaSettings;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request: reads the lineage, recognises a version already published for this request (a
 * round redone after a crash), otherwise runs a {@link TrainingRound} on the feedback read so far
 * and publishes its candidate when the gate passed it. A round that throws becomes a {@code FAILED}
 * result with the reason; nothing is published then.
 */
public final class Rounds implements RoundCoordinator.RoundRunner {

    private static final Logger LOG = LoggerFactory.getLogger(Rounds.class);

    private final KafkaSettings kafka;
    private final ChannelConfig channel;
    private final String lineage;
    private final RoundSettings settings;
    private final FeedbackLog log;
    private final TrainingRound round;
    private final Function<String, Backbone> backbones;
    private final Consumer<RoundProgress> progress;
    private final Clock clock;

    /**
     * Creates the runner.
     *
     * @param config the retrainer's configuration
     * @param channel the model channel (store, signing)
     * @param log the feedback read so far
     * @param backbones the feature-cached backbone of an id
     * @param progress told as rounds go
     * @param clock the clock
     */
    public Rounds(
            RetrainerConfig config,
            ChannelConfig channel,
            FeedbackLog log,
            Function<String, Backbone> backbones,
            Consumer<RoundProgress> progress,
            Clock clock) {
        this.kafka = config.kafka();
        this.channel = channel;
        this.lineage = config.lineage();
        this.settings = config.round();
        this.log = log;
        this.round =
                new TrainingRound(
                        config.round(), new CandidateTraining(config.training()), progress);
        this.backbones = backbones;
        this.progress = progress;
        this.clock = clock;
    }

    @Override
    public RoundResult run(RoundRequest request) {
        RoundProgress start =
                new RoundProgress(request.eventId(), "reading", 0, 0, clock.instant());
        progress.accept(start);
        LineageState state = LineageState.read(kafka, channel, lineage);
        String parent = state.live() == null ? null : state.live().version();
        if (state.newestRequestOffset() == request.offset()) {
            LOG.info(
                    "version {} already answers request {}",
                    state.newestVersion(),
                    request.eventId());
            return new RoundResult(
                    RoundOutcome.PUBLISHED,
                    "published before a restart as " + state.newestVersion(),
                    state.newestVersion(),
                    parent,
                    null,
                    Map.of(TrainingRound.REQUEST_OFFSET, (double) request.offset()));
        }
        String version = state.nextVersion();
        try {
            String backboneId =
                    state.live() == null ? settings.backboneId() : state.live().backboneId();
            RoundResult result =
                    round.run(
                            request,
                            log.snapshot(),
                            state.live(),
                            version,
                            backbones.apply(backboneId),
                            start);
            if (result.candidate() != null) {
                progress.accept(start.at("publishing", 0, 1));
                new ModelPublisher(kafka, channel)
                        .publish(result.candidate(), lineage, request.trigger());
                LOG.info("published {} of lineage {}: {}", version, lineage, result.reason());
            } else {
                LOG.info("round for {} {}: {}", version, result.outcome(), result.reason());
            }
            return result;
        } catch (RuntimeException e) {
            LOG.error("round for {} failed", version, e);
            return new RoundResult(
                    RoundOutcome.FAILED,
                    "round failed: " + e.getMessage(),
                    version,
                    parent,
                    null,
                    Map.of(TrainingRound.REQUEST_OFFSET, (double) request.offset()));
        } finally {
            progress.accept(start.at("idle", 0, 0));
        }
    }
}
