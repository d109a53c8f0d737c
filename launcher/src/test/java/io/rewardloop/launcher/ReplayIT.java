package io.rewardloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rewardloop.channel.ArtifactModelLoader;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.kafka.KafkaCluster;
import io.rewardloop.kafka.KafkaClusters;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.scoring.ArmoRmScorer;
import io.rewardloop.model.scoring.BackboneCatalog;
import io.rewardloop.model.scoring.MultiObjectiveReward;
import io.rewardloop.model.testing.ToyPreferences;
import io.rewardloop.schemas.TopicAdmin;
import io.rewardloop.scorer.ScorerConfig;
import io.rewardloop.scorer.ScorerService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rlhf replay} against a real broker and a running scorer: every line answered in input
 * order, with the same rewards the model gives offline, the invalid line and the refused response
 * named with their line numbers.
 */
class ReplayIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void shouldReplayResponsesThroughTheScorerInInputOrder() throws Exception {
        Path model = CliRuns.trainToyModel(dir);

        List<PromptResponse> valid = new ArrayList<>();
        List<String> input = new ArrayList<>();
        for (PreferencePair pair : ToyPreferences.pairs(4)) {
            valid.add(new PromptResponse(pair.prompt(), pair.chosen()));
            input.add(
                    JSON.createObjectNode()
                            .put("prompt", pair.prompt())
                            .put("response", pair.chosen())
                            .toString());
        }
        input.add(2, "{\"prompt\": \"no response\"}");
        input.add(4, "");
        input.add("{\"responseId\":\"empty-1\",\"prompt\":\"Hi?\",\"response\":\"\"}");
        Path file = dir.resolve("responses.jsonl");
        Files.write(file, input);
        Path out = dir.resolve("rewards.jsonl");

        try (KafkaCluster kafka = KafkaClusters.startForTests()) {
            TopicAdmin.createAllOnSingleBroker(kafka.bootstrapServers());
            ConfigSource source =
                    ConfigSource.of(
                            Map.of(),
                            Map.of(
                                    "bootstrap.servers",
                                    kafka.bootstrapServers(),
                                    ScorerConfig.HTTP_PORT,
                                    "0",
                                    ScorerConfig.HTTP_BIND,
                                    "127.0.0.1"));
            try (ArtifactModelLoader loader = new ArtifactModelLoader(4096);
                    ScorerService scorer = ScorerService.start(ScorerConfig.from(source), loader)) {
                assertThat(
                                CliRuns.rlhf(
                                        "publish",
                                        "--model",
                                        model.toString(),
                                        "--bootstrap-servers",
                                        kafka.bootstrapServers()))
                        .isZero();
                await().atMost(Duration.ofMinutes(2))
                        .until(() -> scorer.health().modelVersion().equals("v0001"));

                int code =
                        CliRuns.rlhf(
                                "replay",
                                file.toString(),
                                "--out",
                                out.toString(),
                                "--idle-timeout",
                                "PT1M",
                                "--bootstrap-servers",
                                kafka.bootstrapServers());

                assertThat(code).as("one invalid line and one refused response").isEqualTo(1);
            }
        }

        List<JsonNode> results = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            results.add(JSON.readTree(line));
        }
        assertThat(results)
                .extracting(r -> r.get("line").asLong())
                .containsExactly(1L, 2L, 3L, 4L, 6L, 7L, 8L, 9L, 10L, 11L);
        assertThat(results.get(2).get("error").asText()).contains("/response");
        assertThat(results.get(9).get("responseId").asText()).isEqualTo("empty-1");
        assertThat(results.get(9).has("error")).isTrue();

        List<JsonNode> scored = new ArrayList<>(results);
        scored.remove(9);
        scored.remove(2);
        List<MultiObjectiveReward> offline = offlineRewards(model, valid);
        for (int i = 0; i < scored.size(); i++) {
            JsonNode result = scored.get(i);
            assertThat(result.get("modelVersion").asText()).isEqualTo("v0001");
            assertThat(result.get("score").asDouble())
                    .as("line %s", result.get("line"))
                    .isCloseTo(offline.get(i).score(), offset(1e-4));
            assertThat(result.get("objectives").has(ToyPreferences.HELPFULNESS)).isTrue();
        }
    }

    private static List<MultiObjectiveReward> offlineRewards(Path model, List<PromptResponse> pairs)
            throws Exception {
        ModelArtifact artifact = ModelArtifact.load(model);
        try (BackboneCatalog backbones = new BackboneCatalog();
                ArmoRmScorer scorer =
                        new ArmoRmScorer(
                                artifact.modelVersion(),
                                artifact.model(),
                                backbones.get(artifact.backboneId()))) {
            return scorer.score(pairs);
        }
    }
}
