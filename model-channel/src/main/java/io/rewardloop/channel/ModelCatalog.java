package io.rewardloop.channel;

import io.rewardloop.events.ModelPublished;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.RecordDecoder;
import io.rewardloop.service.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every record on {@code rlhf.models}, read to the end offsets: what {@code rlhf models list}
 * shows, and what the publisher checks a new version against.
 */
public final class ModelCatalog {

    /**
     * One record of the topic.
     *
     * @param lineage the lineage its key names
     * @param offset its offset
     * @param record the decoded record, null when it could not be decoded
     * @param problem why followers refuse it (checks or the version rule), null when they accept it
     */
    public record Entry(String lineage, long offset, ModelPublished record, String problem) {

        /**
         * The version, {@code ?} when undecodable.
         *
         * @return the version
         */
        public String version() {
            return record == null ? "?" : record.getVersion();
        }
    }

    private final List<Entry> entries;

    private ModelCatalog(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** A catalog of given entries (tests). */
    static ModelCatalog of(List<Entry> entries) {
        return new ModelCatalog(entries);
    }

    /**
     * Reads the whole topic and applies the followers' checks and rule to every lineage.
     *
     * @param kafka the cluster
     * @param config the channel configuration (store, limits, verification key)
     * @return the catalog
     */
    public static ModelCatalog read(KafkaSettings kafka, ChannelConfig config) {
        RecordDecoder<ModelPublished> decoder =
                RecordDecoder.forValues(Topics.MODELS, kafka.serdeConfig());
        RecordCheck check = new RecordCheck(new ArtifactFetcher(config), config.signing());
        java.util.Map<String, VersionRule> rules = new java.util.HashMap<>();
        List<Entry> entries = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        ChannelClients.consumer(kafka, "rlhf-model-catalog"),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            TopicCatchUp.readToEnd(
                    consumer,
                    Topics.MODELS.name(),
                    Duration.ofSeconds(30),
                    r -> {
                        Entry entry = entry(r, decoder, check, rules);
                        if (entry != null) {
                            entries.add(entry);
                        }
                    });
        }
        return new ModelCatalog(entries);
    }

    private static Entry entry(
            ConsumerRecord<byte[], byte[]> r,
            RecordDecoder<ModelPublished> decoder,
            RecordCheck check,
            java.util.Map<String, VersionRule> rules) {
        if (r.key() == null) {
            return null;
        }
        String lineage = ModelKeys.lineageOf(new String(r.key(), StandardCharsets.UTF_8));
        ModelPublished record;
        try {
            record = decoder.decode(r);
        } catch (RuntimeException e) {
            return new Entry(lineage, r.offset(), null, "cannot decode: " + e.getMessage());
        }
        if (record == null) {
            return null;
        }
        VersionRule rule = rules.computeIfAbsent(lineage, l -> new VersionRule());
        String problem = check.problem(lineage, record).or(() -> rule.offer(record)).orElse(null);
        return new Entry(lineage, r.offset(), record, problem);
    }

    /**
     * The records of one lineage, in log order.
     *
     * @param lineage the lineage
     * @return the entries
     */
    public List<Entry> lineage(String lineage) {
        return entries.stream().filter(e -> e.lineage().equals(lineage)).toList();
    }

    /**
     * Every lineage on the topic.
     *
     * @return the names, sorted
     */
    public List<String> lineages() {
        return entries.stream().map(Entry::lineage).distinct().sorted().toList();
    }

    /**
     * The highest version ever published in a lineage, accepted or not: a new version must order
     * after it.
     *
     * @param lineage the lineage
     * @return the version, empty for a new lineage
     */
    public Optional<String> newestVersion(String lineage) {
        return lineage(lineage).stream()
                .filter(e -> e.record() != null)
                .map(Entry::version)
                .max(VersionOrder.INSTANCE);
    }

    /**
     * The newest accepted record of a version.
     *
     * @param lineage the lineage
     * @param version the version (compared by {@link VersionOrder}: {@code v01} finds {@code v1})
     * @return the entry
     */
    public Optional<Entry> find(String lineage, String version) {
        return lineage(lineage).stream()
                .filter(e -> e.record() != null && e.problem() == null)
                .filter(e -> VersionOrder.INSTANCE.compare(e.version(), version) == 0)
                .max(Comparator.comparingLong(Entry::offset));
    }

    /**
     * The entry followers make live by the rule (assuming its artifact fetches and loads).
     *
     * @param lineage the lineage
     * @return the newest accepted entry
     */
    public Optional<Entry> live(String lineage) {
        List<Entry> all = lineage(lineage);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).record() != null && all.get(i).problem() == null) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }
}
