package io.rewardloop.scorer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rewardloop.channel.ArtifactModelLoader;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.model.scoring.BackboneCatalog;
import io.rewardloop.model.testing.RandomModels;
import io.rewardloop.schemas.Topics;
import io.rewardloop.schemas.serde.DeadLetters;
import io.rewardloop.scorer.ScorerConfig;
import io.rewardloop.scorer.ScorerService;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile records through the real broker, interleaved with good ones on the same partitions: a
 * ~20-byte record whose array count claims a billion items, one whose string claims 2 GB, a ~1 MB
 * value of garbage, and a two-byte value in no format; and on {@code rlhf.models} a model whose
 * heads do not fit the backbone. Scoring never stops, every poison record lands in {@code
 * rlhf.responses.dlq} (by its source partition and offset), the misfit model is refused and counted
 * while the live one keeps scoring, every good record is scored once.
 */
class ScorerPoisonIT {

    private static final int GOOD = 30;
    private static final int ONE_MB_GARBAGE = 1_048_000;
    private static final int MISFIT_WIDTH = 32;
    private static ScorerFixture fixture;
    private static ArtifactModelLoader loader;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ScorerFixture();
        ScorerFixture.trainModel();
        loader = new ArtifactModelLoader(BackboneCatalog.DEFAULT_BATCH_TOKENS);
        fixture.publishModel("v0004");
    }

    @AfterAll
    static void stop() {
        loader.close();
        fixture.close();
    }

    @Test
    void shouldDeadLetterEveryPoisonRecordAndScoreEveryGoodOne() throws Exception {
        ScorerConfig config =
                ScorerConfig.from(
                        ConfigSource.of(
                                Map.of(),
                                Map.of(
                                        "bootstrap.servers", fixture.bootstrap(),
                                        "scorer.instance.id", "poison-a",
                                        "scorer.group.id", "poison",
                                        "scorer.http.port", "-1")));
        try (ScorerService scorer = ScorerService.start(config, loader);
                ScorerFixture.ResponseWriter good = fixture.responseWriter();
                KafkaProducer<byte[], byte[]> raw = rawProducer()) {
            byte[] header = singleObjectHeader();
            good.send("poison", 0, 10);
            // Keyed like the good records that follow, so they share a partition with them.
            RecordMetadata arrayBomb = send(raw, "poison-prompt-2", arrayCountBomb(header));
            RecordMetadata stringBomb = send(raw, "poison-prompt-2", stringLengthBomb(header));
            good.send("poison", 10, 20);
            RecordMetadata garbage = send(raw, "poison-prompt-4", garbage(ONE_MB_GARBAGE));
            RecordMetadata noFormat = send(raw, "poison-prompt-4", new byte[] {0x7f, 0x01});
            // A model for the same backbone id whose heads expect 32 features, not MiniLM's 384.
            fixture.publish(
                    RandomModels.artifact("v0005", ScorerFixture.backboneId(), MISFIT_WIDTH, 2, 0));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> scorer.metrics().rejectedModelCount() == 1);
            good.send("poison", 20, GOOD);
            List<RecordMetadata> poison = List.of(arrayBomb, stringBomb, garbage, noFormat);

            fixture.awaitCaughtUp("poison", Duration.ofSeconds(120));

            List<String> scored =
                    fixture.readToEnd(Topics.REWARDS.name(), true).stream()
                            .map(ScorerFixture::responseId)
                            .collect(Collectors.toList());
            assertThat(scored).hasSize(GOOD).doesNotHaveDuplicates();
            assertThat(
                            fixture.readToEnd(Topics.REWARDS.name(), true).stream()
                                    .map(ScorerFixture::modelVersion)
                                    .distinct())
                    .as("the misfit v0005 was refused; v0004 kept scoring")
                    .containsExactly("v0004");
            List<ConsumerRecord<byte[], byte[]>> dead =
                    fixture.readToEnd(Topics.RESPONSES.deadLetterTopic().orElseThrow(), true);
            assertThat(dead.stream().map(ScorerPoisonIT::source).collect(Collectors.toList()))
                    .as("every poison record dead-lettered once, by source partition and offset")
                    .containsExactlyInAnyOrderElementsOf(
                            poison.stream()
                                    .map(m -> m.partition() + "@" + m.offset())
                                    .collect(Collectors.toList()));
            assertThat(dead)
                    .allSatisfy(
                            d ->
                                    assertThat(header(d, DeadLetters.REASON))
                                            .startsWith("undecodable"));
            assertThat(scorer.metrics().deadLetterCount()).isEqualTo(poison.size());
            assertThat(scorer.metrics().scoredCount()).isEqualTo(GOOD);
            assertThat(scorer.metrics().rejectedModelCount()).isEqualTo(1);
            assertThat(scorer.metrics().modelVersion()).isEqualTo("v0004");
            assertThat(scorer.health().up()).as(scorer.health().detail()).isTrue();
        }
    }

    /** The 10-byte single-object header of a real response: marker and schema fingerprint. */
    private static byte[] singleObjectHeader() {
        byte[] real =
                Topics.RESPONSES
                        .valueSerde(ScorerFixture.SERDE)
                        .serializer()
                        .serialize(
                                Topics.RESPONSES.name(), ScorerFixture.response("header", 0, "p"));
        return Arrays.copyOf(real, 10);
    }

    /** responseId, promptId and prompt of one character, then a messages array of 10^9 items. */
    private static byte[] arrayCountBomb(byte[] header) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes(new byte[] {2, 'a', 2, 'p', 2, 'q'});
        out.writeBytes(zigZagVarint(1_000_000_000L));
        assertThat(out.size()).isLessThanOrEqualTo(24);
        return out.toByteArray();
    }

    /** A responseId that claims 2^31 - 1 bytes. */
    private static byte[] stringLengthBomb(byte[] header) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes(zigZagVarint(Integer.MAX_VALUE));
        out.writeBytes("abc".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] garbage(int size) {
        byte[] bytes = new byte[size];
        new Random(8).nextBytes(bytes);
        bytes[0] = 0x7e; // no known framing
        return bytes;
    }

    private static byte[] zigZagVarint(long value) {
        long n = (value << 1) ^ (value >> 63);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((n & ~0x7FL) != 0) {
            out.write((int) ((n & 0x7F) | 0x80));
            n >>>= 7;
        }
        out.write((int) n);
        return out.toByteArray();
    }

    private KafkaProducer<byte[], byte[]> rawProducer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        fixture.bootstrap(),
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        2 * 1024 * 1024),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static RecordMetadata send(KafkaProducer<byte[], byte[]> raw, String key, byte[] value)
            throws Exception {
        return raw.send(
                        new ProducerRecord<>(
                                Topics.RESPONSES.name(),
                                key.getBytes(StandardCharsets.UTF_8),
                                value))
                .get();
    }

    private static String source(ConsumerRecord<byte[], byte[]> deadLetter) {
        return header(deadLetter, DeadLetters.SOURCE_PARTITION)
                + "@"
                + header(deadLetter, DeadLetters.SOURCE_OFFSET);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
