package io.rewardloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rewardloop.channel.ArtifactModelLoader;
import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.RatedResponse;
import io.rewardloop.kafka.KafkaCluster;
import io.rewardloop.kafka.KafkaClusters;
import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.testing.ToyPreferences;
import io.rewardloop.retrainer.RetrainerConfig;
import io.rewardloop.retrainer.RetrainerService;
import io.rewardloop.schemas.TopicAdmin;
import io.rewardloop.schemas.Topics;
import io.rewardloop.scorer.ScorerConfig;
import io.rewardloop.scorer.ScorerService;
import io.rewardloop.service.KafkaSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The loop's second half on a real broker: feedback in, the retrainer's count trigger runs a round,
 * the version is published and a running scorer picks it up; then {@code rlhf retrain} asks for
 * another and the scorer moves to it, without a restart.
 */
class RetrainLoopIT {

    private static final String LINEAGE = "loop-it";

    @TempDir Path cache;

    @Test
    void shouldRetrainOnFeedbackAndByHandWithTheScorerPickingUpEachVersion() throws Exception {
        try (KafkaCluster kafka = KafkaClusters.startForTests()) {
            TopicAdmin.createAllOnSingleBroker(kafka.bootstrapServers());
            Map<String, String> settings = new HashMap<>();
            settings.put("bootstrap.servers", kafka.bootstrapServers());
            settings.put(ScorerConfig.MODEL_LINEAGE, LINEAGE);
            settings.put(ScorerConfig.HTTP_PORT, "0");
            settings.put(ScorerConfig.HTTP_BIND, "127.0.0.1");
            settings.put(RetrainerConfig.LINEAGE, LINEAGE);
            settings.put(RetrainerConfig.HTTP_PREFIX + ".port", "0");
            settings.put(RetrainerConfig.HTTP_PREFIX + ".bind", "127.0.0.1");
            settings.put("retrainer.cache.dir", cache.toString());
            settings.put("retrainer.eval.min.pairs", "5");
            settings.put("retrainer.train.min.pairs", "15");
            settings.put("retrainer.gating.steps", "30");
            settings.put("retrainer.trigger.feedback.count", "24");
            settings.put("retrainer.trigger.check.interval", "PT0.2S");
            ConfigSource source = ConfigSource.of(Map.of(), settings);
            try (ArtifactModelLoader loader = new ArtifactModelLoader(4096);
                    ScorerService scorer = ScorerService.start(ScorerConfig.from(source), loader);
                    RetrainerService retrainer =
                            RetrainerService.start(
                                    RetrainerConfig.from(source), ChannelConfig.from(source))) {
                sendPreferences(kafka.bootstrapServers(), ToyPreferences.pairs(12));

                await().atMost(Duration.ofMinutes(4))
                        .until(() -> scorer.health().modelVersion().equals("v0001"));
                assertThat(retrainer.isLeader()).isTrue();

                StringWriter out = new StringWriter();
                CommandLine cli = RlhfCommand.commandLine();
                cli.setOut(new PrintWriter(out));
                int code =
                        cli.execute(
                                "retrain",
                                "--lineage",
                                LINEAGE,
                                "--reason",
                                "by hand",
                                "--bootstrap-servers",
                                kafka.bootstrapServers());
                assertThat(code).isZero();
                assertThat(out.toString()).contains("Asked for a round of lineage " + LINEAGE);

                await().atMost(Duration.ofMinutes(4))
                        .until(() -> scorer.health().modelVersion().equals("v0002"));
                assertThat(scorer.health().up()).isTrue();
            }
        }
    }

    private static void sendPreferences(String bootstrap, List<PreferencePair> pairs) {
        KafkaSettings kafka = KafkaSettings.embedded(bootstrap);
        try (KafkaProducer<String, PreferenceRecorded> producer =
                new KafkaProducer<>(
                        new HashMap<>(kafka.clientConfig()),
                        new StringSerializer(),
                        Topics.PREFERENCES.valueSerde(kafka.serdeConfig()).serializer())) {
            long time = System.currentTimeMillis();
            for (int i = 0; i < pairs.size(); i++) {
                PreferencePair p = pairs.get(i);
                PreferenceRecorded event =
                        PreferenceRecorded.newBuilder()
                                .setFeedbackId("fb-" + i)
                                .setPrompt(p.prompt())
                                .setChosen(RatedResponse.newBuilder().setText(p.chosen()).build())
                                .setRejected(
                                        RatedResponse.newBuilder().setText(p.rejected()).build())
                                .setObjective(p.objective())
                                .setAnnotatorId("a")
                                .setSource("it")
                                .setCreatedAt(Instant.now())
                                .build();
                producer.send(
                        new ProducerRecord<>(
                                Topics.PREFERENCES.name(), null, time + i, "fb-" + i, event));
            }
        }
    }
}
