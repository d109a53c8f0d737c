package io.rewardloop.channel;

import io.rewardloop.events.ModelPublished;
import io.rewardloop.model.scoring.RewardScorer;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.RecordDecoder;
import io.rewardloop.service.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one lineage on the compacted {@code rlhf.models} topic and keeps the {@link ModelHolder}
 * on the model the {@link VersionRule} picks.
 *
 * <p><b>Catch-up.</b> On start it reads the topic up to its end offsets without loading anything,
 * applying the rule to every record of the lineage; then it loads the newest accepted record, or
 * when that fails (corrupt, misfit) the one accepted before it, and so on. Only then does the
 * holder get its first model: a restarted service never scores with a version it would abandon.
 *
 * <p><b>Live.</b> Afterwards every accepted record is fetched, verified, loaded and swapped in; a
 * record that is refused or fails to load is reported and the live model stays. Nothing is fatal
 * but a missing topic.
 */
public final class ModelFollower implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelFollower.class);

    private final String lineage;
    private final Consumer<byte[], byte[]> consumer;
    private final RecordDecoder<ModelPublished> decoder;
    private final ArtifactFetcher fetcher;
    private final RecordCheck check;
    private final ModelLoader loader;
    private final ModelHolder holder;
    private final ModelChannelListener listener;
    private final VersionRule rule = new VersionRule();
    private volatile boolean running = true;
    private volatile boolean caughtUp;

    /**
     * Creates the follower; it owns the consumer.
     *
     * @param lineage the lineage to follow
     * @param consumer a read_committed consumer of bytes, not subscribed
     * @param decoder decodes {@code ModelPublished} values
     * @param config the artifact store, size limit and signing keys
     * @param loader loads a verified artifact
     * @param holder where the live model goes
     * @param listener told about live versions and refusals
     */
    public ModelFollower(
            String lineage,
            Consumer<byte[], byte[]> consumer,
            RecordDecoder<ModelPublished> decoder,
            ChannelConfig config,
            ModelLoader loader,
            ModelHolder holder,
            ModelChannelListener listener) {
        this.lineage = ModelKeys.checkLineage(lineage);
        this.consumer = consumer;
        this.decoder = decoder;
        this.fetcher = new ArtifactFetcher(config);
        this.check = new RecordCheck(fetcher, config.signing());
        this.loader = loader;
        this.holder = holder;
        this.listener = listener;
    }

    /**
     * A follower with its own consumer on the cluster.
     *
     * @param kafka the cluster, serde settings and client passthrough
     * @param config the channel configuration
     * @param lineage the lineage to follow
     * @param clientId the consumer's client id
     * @param loader loads a verified artifact
     * @param holder where the live model goes
     * @param listener told about live versions and refusals
     * @return the follower, not started
     */
    public static ModelFollower create(
            KafkaSettings kafka,
            ChannelConfig config,
            String lineage,
            String clientId,
            ModelLoader loader,
            ModelHolder holder,
            ModelChannelListener listener) {
        Map<String, Object> props = ChannelClients.consumer(kafka, clientId);
        return new ModelFollower(
                lineage,
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                RecordDecoder.forValues(Topics.MODELS, kafka.serdeConfig()),
                config,
                loader,
                holder,
                listener);
    }

    @Override
    public void run() {
        try {
            TopicCatchUp.readToEnd(
                    consumer, Topics.MODELS.name(), Duration.ofSeconds(30), this::consider);
            List<ModelPublished> candidates = rule.newestFirst();
            LOG.info(
                    "caught up on {} for lineage {}: {} versions accepted, loading the newest",
                    Topics.MODELS.name(),
                    lineage,
                    candidates.size());
            for (ModelPublished candidate : candidates) {
                if (load(candidate)) {
                    break;
                }
            }
            caughtUp = true;
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    ModelPublished accepted = consider(record);
                    if (accepted != null) {
                        load(accepted);
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    /**
     * Whether the catch-up is over (the first model, if any, is loaded).
     *
     * @return true once live following began
     */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Stops following; safe from any thread. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    /** Decodes, checks and applies the rule; returns the record when accepted. */
    private ModelPublished consider(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!lineage.equals(ModelKeys.lineageOf(key))) {
            return null;
        }
        ModelPublished published;
        try {
            published = decoder.decode(record);
        } catch (RuntimeException e) {
            reject("?", record, "cannot decode: " + e.getMessage());
            return null;
        }
        if (published == null) {
            return null; // a tombstone
        }
        String problem =
                check.problem(lineage, published).or(() -> rule.offer(published)).orElse(null);
        if (problem != null) {
            reject(published.getVersion(), record, problem);
            return null;
        }
        return published;
    }

    private boolean load(ModelPublished published) {
        try {
            byte[] artifact = fetcher.fetch(published);
            RewardScorer model = loader.load(published, artifact);
            holder.swap(model);
            LOG.info(
                    "model {} of lineage {} (backbone {}, objectives {}{}) is live",
                    published.getVersion(),
                    lineage,
                    published.getBackboneId(),
                    model.objectives(),
                    published.getRollback() ? ", a rollback" : "");
            listener.onLive(published);
            return true;
        } catch (RuntimeException e) {
            LOG.error(
                    "cannot load model {} of lineage {}; keeping model {}: {}",
                    published.getVersion(),
                    lineage,
                    holder.version(),
                    e.getMessage());
            listener.onRejected(published.getVersion(), e.getMessage());
            return false;
        }
    }

    private void reject(String version, ConsumerRecord<byte[], byte[]> record, String why) {
        LOG.warn(
                "refusing model record {}-{}@{} (version {}); keeping model {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                version,
                holder.version(),
                why);
        listener.onRejected(version, why);
    }
}
