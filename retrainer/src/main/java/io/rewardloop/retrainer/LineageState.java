package io.rewardloop.retrainer;

import io.rewardloop.channel.ArtifactFetcher;
import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.channel.ModelCatalog;
import io.rewardloop.events.ModelPublished;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.service.KafkaSettings;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lineage on {@code rlhf.models} as a round needs it: the live version (by the followers' rule)
 * with its heads, the highest version ever published (a new one must order after it), and which
 * request that highest version answered (so a round redone after a crash sees it was published).
 *
 * @param live the live version, or null (no version, or its artifact cannot be read)
 * @param newestVersion the highest version published, or null
 * @param newestRequestOffset the {@code rlhf.control} offset the newest version answered, or -1
 */
public record LineageState(LiveModel live, String newestVersion, long newestRequestOffset) {

    private static final Logger LOG = LoggerFactory.getLogger(LineageState.class);

    /**
     * Reads the lineage.
     *
     * @param kafka the cluster
     * @param channel the artifact store and keys
     * @param lineage the lineage
     * @return its state
     */
    public static LineageState read(KafkaSettings kafka, ChannelConfig channel, String lineage) {
        ModelCatalog catalog = ModelCatalog.read(kafka, channel);
        String newest = catalog.newestVersion(lineage).orElse(null);
        long requestOffset =
                newest == null
                        ? -1
                        : catalog.lineage(lineage).stream()
                                .filter(e -> e.record() != null && e.version().equals(newest))
                                .map(e -> e.record().getMetrics().get(TrainingRound.REQUEST_OFFSET))
                                .filter(v -> v != null)
                                .mapToLong(Double::longValue)
                                .max()
                                .orElse(-1);
        LiveModel live = catalog.live(lineage).flatMap(e -> load(channel, e.record())).orElse(null);
        return new LineageState(live, newest, requestOffset);
    }

    /**
     * The version the next round publishes.
     *
     * @return {@link VersionNames#next} of the newest version
     */
    public String nextVersion() {
        return VersionNames.next(newestVersion);
    }

    private static Optional<LiveModel> load(ChannelConfig channel, ModelPublished record) {
        try {
            byte[] bytes = new ArtifactFetcher(channel).fetch(record);
            ModelArtifact artifact = ModelArtifact.fromBytes(bytes, record.getSha256());
            Double pairs = record.getMetrics().get(TrainingRound.PAIRS_TOTAL);
            Double accuracy = record.getMetrics().get(TrainingRound.HELDOUT_ACCURACY);
            return Optional.of(
                    new LiveModel(
                            record.getVersion(),
                            record.getBackboneId(),
                            artifact.model(),
                            pairs == null ? 0 : pairs.longValue(),
                            record.getCreatedAt().toEpochMilli(),
                            accuracy == null ? Double.NaN : accuracy));
        } catch (RuntimeException e) {
            LOG.warn(
                    "cannot read live version {} ({}): judging the next candidate against chance",
                    record.getVersion(),
                    e.getMessage());
            return Optional.empty();
        }
    }
}
