package io.rewardloop.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.RewardLoopException;
import io.rewardloop.model.artifact.ArtifactException.Reason;
import io.rewardloop.model.heads.ArmoRmTrainer;
import io.rewardloop.model.heads.GatingConfig;
import io.rewardloop.model.heads.ObjectiveSet;
import io.rewardloop.model.heads.PairSet;
import io.rewardloop.model.heads.Reward;
import io.rewardloop.model.heads.RewardModel;
import io.rewardloop.model.heads.TrainingMetrics;
import io.rewardloop.model.heads.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArtifactTest {

    private static ModelArtifact artifact(RewardModel model) {
        return ModelArtifact.builder()
                .setModel(model)
                .setModelVersion("v42")
                .optParentVersion("v41")
                .setBackboneId("all-minilm-l6-v2")
                .optCreatedAt(Instant.parse("2025-01-02T03:04:05.678Z"))
                .optMetrics(
                        new TrainingMetrics(
                                Map.of(
                                        "accuracy.validation",
                                        0.61234567891,
                                        "gating.validation_loss",
                                        Double.NaN)))
                .build();
    }

    private static double[] scores(RewardModel model, int d, long seed) {
        Random random = new Random(seed);
        double[] out = new double[20];
        for (int i = 0; i < out.length; i++) {
            Reward r =
                    model.score(
                            TestModels.values(random, d, 1),
                            TestModels.values(random, d, 1),
                            10 + i * 37);
            out[i] = r.score();
        }
        return out;
    }

    @Test
    void shouldRoundTripExactlyThroughBytes() {
        RewardModel model = TestModels.random(12, 8, 2, true, 1);
        ModelArtifact original = artifact(model);
        byte[] bytes = original.toBytes();

        ModelArtifact copy = ModelArtifact.fromBytes(bytes);

        assertThat(copy.toBytes()).isEqualTo(bytes);
        assertThat(scores(copy.model(), 12, 5)).containsExactly(scores(model, 12, 5));
        assertThat(copy.modelVersion()).isEqualTo("v42");
        assertThat(copy.parentVersion()).isEqualTo("v41");
        assertThat(copy.backboneId()).isEqualTo("all-minilm-l6-v2");
        assertThat(copy.createdAt()).isEqualTo(original.createdAt());
        assertThat(copy.metrics()).isEqualTo(original.metrics());
        assertThat(copy.objectiveNames()).containsExactly("objective-0", "objective-1", "length");
        assertThat(copy.model().heads().length()).isEqualTo(model.heads().length());
        assertThat(copy.model().heads().debiasing().lambdas())
                .containsExactly(model.heads().debiasing().lambdas());
        assertThat(copy.model().gating().beta()).isEqualTo(1.2345678f);
    }

    @Test
    void shouldRoundTripThroughADirectoryWithIdenticalBytesAfterLoadAndSave(@TempDir Path dir)
            throws IOException {
        ModelArtifact original = artifact(TestModels.random(10, 6, 3, false, 2));
        original.save(dir.resolve("a"));

        ModelArtifact loaded = ModelArtifact.load(dir.resolve("a"));
        loaded.save(dir.resolve("b"));

        byte[] first = Files.readAllBytes(dir.resolve("a").resolve(ModelArtifact.FILE_NAME));
        byte[] second = Files.readAllBytes(dir.resolve("b").resolve(ModelArtifact.FILE_NAME));
        assertThat(second).isEqualTo(first);
        assertThat(loaded.sha256()).isEqualTo(original.sha256()).hasSize(64);
        assertThat(Files.readString(dir.resolve("a").resolve(ModelArtifact.SHA256_FILE_NAME)))
                .startsWith(original.sha256());
        assertThat(scores(loaded.model(), 10, 3)).containsExactly(scores(original.model(), 10, 3));
    }

    @Test
    void shouldGiveTheSameBytesForTheSameModel() {
        byte[] first = artifact(TestModels.random(10, 6, 2, false, 3)).toBytes();
        byte[] second = artifact(TestModels.random(10, 6, 2, false, 3)).toBytes();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldGiveIdenticalBytesForTwoTrainingsWithTheSameSeed() {
        byte[] first = trainedArtifact().toBytes();
        byte[] second = trainedArtifact().toBytes();

        assertThat(second).isEqualTo(first);
        ModelArtifact copy = ModelArtifact.fromBytes(first);
        assertThat(copy.metrics().get(TrainingMetrics.TRAIN_ACCURACY)).isGreaterThan(0.5);
        assertThat(copy.toBytes()).isEqualTo(first);
    }

    private static ModelArtifact trainedArtifact() {
        Random random = new Random(1);
        int n = 200;
        float[][] prompts = new float[n][];
        float[][] chosen = new float[n][];
        float[][] rejected = new float[n][];
        for (int i = 0; i < n; i++) {
            prompts[i] = TestModels.values(random, 6, 1);
            float[] y1 = TestModels.values(random, 6, 1);
            float[] y2 = TestModels.values(random, 6, 1);
            boolean first = y1[0] + 0.3 * random.nextGaussian() > y2[0];
            chosen[i] = first ? y1 : y2;
            rejected[i] = first ? y2 : y1;
        }
        PairSet pairs =
                PairSet.builder().setPrompts(prompts).setResponses(chosen, rejected).build();
        TrainingResult result =
                ArmoRmTrainer.builder()
                        .setObjectives(ObjectiveSet.of("overall"))
                        .optPairs(pairs)
                        .optGating(GatingConfig.builder().optHiddenSize(8).optSteps(20).build())
                        .build()
                        .train();
        return ModelArtifact.builder()
                .setModel(result.model())
                .setModelVersion("v1")
                .setBackboneId("test")
                .optCreatedAt(Instant.EPOCH)
                .optMetrics(result.metrics())
                .build();
    }

    @Test
    void shouldFitInAKafkaRecordForMiniLmHeads() {
        ModelArtifact artifact = artifact(TestModels.random(384, 256, 2, false, 4));

        int size = artifact.toBytes().length;

        assertThat(size).isLessThan(1_000_000).isGreaterThan(900_000);
        assertThat(artifact.featureDimension()).isEqualTo(384);
    }

    @Test
    void shouldRejectTruncatedBytes() {
        byte[] bytes = artifact(TestModels.random(10, 6, 2, false, 5)).toBytes();

        for (int keep : new int[] {0, 10, 30, bytes.length / 2, bytes.length - 1}) {
            assertThatThrownBy(() -> ModelArtifact.fromBytes(Arrays.copyOf(bytes, keep)))
                    .isInstanceOf(ArtifactException.class)
                    .isInstanceOf(RewardLoopException.class)
                    .satisfies(
                            e ->
                                    assertThat(((ArtifactException) e).reason())
                                            .isEqualTo(Reason.TRUNCATED));
        }
    }

    @Test
    void shouldRejectAFlippedByteAsCorrupted() {
        byte[] bytes = artifact(TestModels.random(10, 6, 2, false, 6)).toBytes();
        bytes[bytes.length - 100] ^= 0x10;

        assertThatThrownBy(() -> ModelArtifact.fromBytes(bytes))
                .isInstanceOf(ArtifactException.class)
                .satisfies(
                        e ->
                                assertThat(((ArtifactException) e).reason())
                                        .isEqualTo(Reason.CORRUPTED))
                .hasMessageContaining("CRC");
    }

    @Test
    void shouldRejectForeignBytesAndNewerVersions() {
        byte[] bytes = artifact(TestModels.random(10, 6, 2, false, 7)).toBytes();
        byte[] foreign = bytes.clone();
        foreign[0] = 'X';
        byte[] newer = bytes.clone();
        newer[8] = 99;

        assertThatThrownBy(() -> ModelArtifact.fromBytes(foreign))
                .satisfies(
                        e ->
                                assertThat(((ArtifactException) e).reason())
                                        .isEqualTo(Reason.NOT_AN_ARTIFACT));
        assertThatThrownBy(() -> ModelArtifact.fromBytes(newer))
                .satisfies(
                        e ->
                                assertThat(((ArtifactException) e).reason())
                                        .isEqualTo(Reason.UNSUPPORTED_VERSION));
    }

    @Test
    void shouldRejectAChecksumMismatch(@TempDir Path dir) throws IOException {
        ModelArtifact artifact = artifact(TestModels.random(10, 6, 2, false, 8));
        artifact.save(dir);
        Files.writeString(dir.resolve(ModelArtifact.SHA256_FILE_NAME), "0".repeat(64) + "\n");

        assertThatThrownBy(() -> ModelArtifact.load(dir))
                .isInstanceOf(ArtifactException.class)
                .satisfies(
                        e ->
                                assertThat(((ArtifactException) e).reason())
                                        .isEqualTo(Reason.CHECKSUM_MISMATCH));
        assertThatThrownBy(() -> ModelArtifact.fromBytes(artifact.toBytes(), "ab".repeat(32)))
                .isInstanceOf(ArtifactException.class);
        assertThat(ModelArtifact.fromBytes(artifact.toBytes(), artifact.sha256()).modelVersion())
                .isEqualTo("v42");
    }
}
