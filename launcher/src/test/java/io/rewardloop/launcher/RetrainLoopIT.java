package io.rewardloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rewardloop.channel.ArtifactModelLoader;
import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.channel.ModelCatalog;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.RatedResponse;
import io.rewardloop.events.ResponseGenerated;
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
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
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
            // Every robust option on, so the whole training path runs: the in-bag strength
            // ensemble, smoothing on mu < 0 with the adaptive margin, MetaRM on the policy round.
            settings.put("retrainer.strength.members", "3");
            settings.put("retrainer.noise.smoothing", "0.1");
            settings.put("retrainer.noise.margin", "true");
            settings.put("retrainer.metarm.enabled", "true");
            settings.put("retrainer.metarm.interval", "1");
            ConfigSource source = ConfigSource.of(Map.of(), settings);
            try (ArtifactModelLoader loader = new ArtifactModelLoader(4096);
                    ScorerService scorer = ScorerService.start(ScorerConfig.from(source), loader);
                    RetrainerService retrainer =
                            RetrainerService.start(
                                    RetrainerConfig.from(source), ChannelConfig.from(source))) {
                sendPolicyRound(kafka.bootstrapServers(), ToyPreferences.pairs(12));
                sendPreferences(kafka.bootstrapServers(), ToyPreferences.pairs(12));

                await().atMost(Duration.ofMinutes(4))
                        .until(() -> scorer.health().modelVersion().equals("v0001"));
                assertThat(retrainer.isLeader()).isTrue();
                Map<String, Double> lineage =
                        ModelCatalog.read(
                                        KafkaSettings.embedded(kafka.bootstrapServers()),
                                        ChannelConfig.defaults())
                                .live(LINEAGE)
                                .orElseThrow()
                                .record()
                                .getMetrics();
                // A count trigger trains on what the reader holds when it fires: the policy round's
                // 24 prompt groups, or most of them if some partitions of rlhf.responses lag.
                assertThat(lineage.get("data.policy.groups")).isBetween(2.0, 24.0);
                assertThat(lineage)
                        .containsKeys(
                                "candidate.train.strength.mean_mu",
                                "candidate.train.metaRm.j.before",
                                "candidate.train.metaRm.j.after");

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

    /** The policy's round 1: three responses to each prompt, unlabelled (MetaRM's samples). */
    private static void sendPolicyRound(String bootstrap, List<PreferencePair> pairs) {
        KafkaSettings kafka = KafkaSettings.embedded(bootstrap);
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<String, ResponseGenerated> producer =
                new KafkaProducer<>(
                        producerConfig(kafka),
                        new StringSerializer(),
                        Topics.RESPONSES.valueSerde(kafka.serdeConfig()).serializer())) {
            for (int i = 0; i < pairs.size(); i++) {
                PreferencePair p = pairs.get(i);
                List<String> texts = List.of(p.chosen(), p.rejected(), "Let me think about it.");
                for (int k = 0; k < texts.size(); k++) {
                    ResponseGenerated response =
                            ResponseGenerated.newBuilder()
                                    .setResponseId("r-" + i + "-" + k)
                                    .setPromptId("p-" + i)
                                    .setPrompt(p.prompt())
                                    .setResponse(texts.get(k))
                                    .setPolicyVersion("policy-1")
                                    .setRlhfRound(1)
                                    .setCreatedAt(Instant.now())
                                    .build();
                    producer.send(
                            new ProducerRecord<>(Topics.RESPONSES.name(), "p-" + i, response),
                            (metadata, e) -> failed.compareAndSet(null, e));
                }
            }
        }
        assertThat(failed.get()).as("every response written").isNull();
    }

    /**
     * Not idempotent, one batch in flight: the embedded broker once answered NOT_LEADER_OR_FOLLOWER
     * and an idempotent producer then retried into OUT_OF_ORDER_SEQUENCE until its delivery timeout
     * (CI: this test took 136 s instead of 14 s). A retried duplicate is harmless here.
     */
    private static Map<String, Object> producerConfig(KafkaSettings kafka) {
        Map<String, Object> props = new HashMap<>(kafka.clientConfig());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    private static void sendPreferences(String bootstrap, List<PreferencePair> pairs) {
        KafkaSettings kafka = KafkaSettings.embedded(bootstrap);
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<String, PreferenceRecorded> producer =
                new KafkaProducer<>(
                        producerConfig(kafka),
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
                                Topics.PREFERENCES.name(), null, time + i, "fb-" + i, event),
                        (metadata, e) -> failed.compareAndSet(null, e));
            }
        }
        assertThat(failed.get()).as("every preference written").isNull();
    }
}
