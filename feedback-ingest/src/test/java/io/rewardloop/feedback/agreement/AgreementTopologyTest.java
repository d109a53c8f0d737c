package io.rewardloop.feedback.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.events.ObjectiveRating;
import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.RatedResponse;
import io.rewardloop.events.RatingRecorded;
import io.rewardloop.feedback.streams.StreamsSettings;
import io.rewardloop.schemas.Topics;
import io.rewardloop.service.KafkaSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds the events behind {@link AgreementStatsTest}'s hand-computed case through the topology: the
 * pair key must ignore which response was chosen, ratings must be rescaled by their scales and
 * split per objective, and a record read twice must change nothing.
 */
class AgreementTopologyTest {

    static final Map<String, String> SERDE = Map.of("schema.registry.url", "embedded");

    @TempDir Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, PreferenceRecorded> preferences;
    private TestInputTopic<String, RatingRecorded> ratings;
    private int ids;

    @BeforeEach
    void start() {
        driver =
                new TopologyTestDriver(
                        AgreementTopology.build(SERDE),
                        AgreementStreams.properties(
                                KafkaSettings.embedded("dummy:9092"),
                                StreamsSettings.forTests("agreement-test", stateDir),
                                new HostInfo("localhost", 8090)));
        preferences =
                driver.createInputTopic(
                        Topics.PREFERENCES.name(),
                        new StringSerializer(),
                        Topics.PREFERENCES.valueSerde(SERDE).serializer());
        ratings =
                driver.createInputTopic(
                        Topics.RATINGS.name(),
                        new StringSerializer(),
                        Topics.RATINGS.valueSerde(SERDE).serializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldKeepAtLeastOncesOwnCommitIntervalButTheLargerBatches() {
        java.util.Properties props =
                AgreementStreams.properties(
                        KafkaSettings.embedded("dummy:9092"),
                        StreamsSettings.forTests("agreement-test", stateDir),
                        new HostInfo("localhost", 8090));

        assertThat(props)
                .containsEntry("processing.guarantee", "at_least_once")
                .doesNotContainKey("commit.interval.ms")
                .containsEntry("producer.batch.size", StreamsSettings.DEFAULT_PRODUCER_BATCH_BYTES);
    }

    @Test
    void shouldComputeTheHandComputedFiguresFromEvents() {
        PreferenceRecorded first = preference("a", "P1", "X", "Y", "helpfulness", false);
        preferences.pipeInput(first.getFeedbackId(), first);
        pipe(preference("b", "P1", "X", "Y", "helpfulness", false));
        pipe(preference("c", "P1", "Y", "X", "helpfulness", false));
        pipe(preference("a", "P2", "U", "V", "harmlessness", true));
        pipe(preference("b", "P2", "V", "U", "harmlessness", true));
        pipe(preference("a", "P3", "X", "Y", "helpfulness", false));
        pipe(
                rating(
                        "a",
                        "Q1",
                        "R1",
                        rated("helpfulness", 1, 1, 5),
                        rated("harmlessness", 10, 0, 10)));
        pipe(rating("b", "Q1", "R1", rated("helpfulness", 2, 1, 5)));
        pipe(rating("c", "Q1", "R1", rated("harmlessness", 0, 0, 10)));
        pipe(rating("a", "Q1", "R2", rated("helpfulness", 3, 1, 5)));
        pipe(rating("b", "Q1", "R2", rated("helpfulness", 0.5, 0, 1)));
        // Read again (at-least-once redelivery): the annotator's answer is replaced by itself.
        preferences.pipeInput(first.getFeedbackId(), first);

        KeyValueStore<String, String> pairs = driver.getKeyValueStore(AgreementTopology.PAIR_STORE);
        KeyValueStore<String, String> rated =
                driver.getKeyValueStore(AgreementTopology.RATING_STORE);
        assertThat(count(pairs)).isEqualTo(3);
        assertThat(count(rated)).isEqualTo(3);
        AgreementStatsTest.assertHandComputed(AgreementStreams.report(pairs, rated));
    }

    @Test
    void shouldKeepAnAnnotatorsLatestVoteOnly() {
        pipe(preference("a", "P1", "X", "Y", null, false));
        pipe(preference("b", "P1", "X", "Y", null, false));
        pipe(preference("b", "P1", "Y", "X", null, false));
        AgreementReport report =
                AgreementStreams.report(
                        driver.getKeyValueStore(AgreementTopology.PAIR_STORE),
                        driver.getKeyValueStore(AgreementTopology.RATING_STORE));
        assertThat(report.overall().pairComparisons()).isEqualTo(1);
        assertThat(report.overall().pairAgreement()).isEqualTo(0.0);
        assertThat(report.objectives())
                .extracting(AgreementReport.ObjectiveAgreement::objective)
                .containsExactly(AgreementTopology.NO_OBJECTIVE);
    }

    private static int count(KeyValueStore<String, String> store) {
        int n = 0;
        try (KeyValueIterator<String, String> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                n++;
            }
        }
        return n;
    }

    private void pipe(PreferenceRecorded event) {
        preferences.pipeInput(event.getFeedbackId(), event);
    }

    private void pipe(RatingRecorded event) {
        ratings.pipeInput(event.getFeedbackId(), event);
    }

    private PreferenceRecorded preference(
            String annotator,
            String prompt,
            String chosen,
            String rejected,
            String objective,
            boolean tie) {
        return PreferenceRecorded.newBuilder()
                .setFeedbackId("fb-" + ids++)
                .setPrompt(prompt)
                .setChosen(new RatedResponse(chosen, null))
                .setRejected(new RatedResponse(rejected, null))
                .setTie(tie)
                .setObjective(objective)
                .setAnnotatorId(annotator)
                .setSource("test")
                .setCreatedAt(Instant.EPOCH)
                .build();
    }

    private RatingRecorded rating(
            String annotator, String prompt, String response, ObjectiveRating... values) {
        return RatingRecorded.newBuilder()
                .setFeedbackId("fb-" + ids++)
                .setPrompt(prompt)
                .setResponse(new RatedResponse(response, null))
                .setRatings(new ArrayList<>(List.of(values)))
                .setAnnotatorId(annotator)
                .setSource("test")
                .setCreatedAt(Instant.EPOCH)
                .build();
    }

    private static ObjectiveRating rated(String objective, double value, double min, double max) {
        return new ObjectiveRating(objective, value, min, max);
    }
}
