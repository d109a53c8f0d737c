package io.rewardloop.feedback.agreement;

import io.rewardloop.events.ObjectiveRating;
import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.RatedResponse;
import io.rewardloop.events.RatingRecorded;
import io.rewardloop.feedback.FeedbackJson;
import io.rewardloop.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The annotator-agreement topology, a pure function of the serde settings:
 *
 * <pre>
 * rlhf.preferences -> re-key by pair unit = sha256(objective, prompt, unordered {chosen, rejected})
 *   -> aggregate {annotator -> first | second | tie}      store {@value #PAIR_STORE}
 * rlhf.ratings -> one answer per objective, rescaled to [0, 1] by its scale
 *   -> re-key by rating unit = sha256(objective, prompt, response)
 *   -> aggregate {annotator -> rescaled rating}           store {@value #RATING_STORE}
 * </pre>
 *
 * A response is identified by its text, or by its id when it has no text. The statistics are
 * computed on query from the stores ({@link AgreementStats}).
 */
public final class AgreementTopology {

    /** Store of preference units: unit key -> {@link Unit} JSON. */
    public static final String PAIR_STORE = "agreement-pair-store";

    /** Store of rating units: unit key -> {@link Unit} JSON. */
    public static final String RATING_STORE = "agreement-rating-store";

    /** The objective of a preference that names none. */
    public static final String NO_OBJECTIVE = "(none)";

    private AgreementTopology() {}

    /**
     * Builds the topology.
     *
     * @param serdeConfig the event serdes' settings ({@code schema.registry.url}, ...)
     * @return the topology
     */
    public static Topology build(Map<String, ?> serdeConfig) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(
                        Topics.PREFERENCES.name(),
                        Consumed.with(Serdes.String(), Topics.PREFERENCES.valueSerde(serdeConfig))
                                .withName("agreement-preferences-source"))
                .map((k, v) -> preferenceAnswer(v), Named.as("pair-answer"))
                .groupByKey(Grouped.with("by-pair", Serdes.String(), Serdes.String()))
                .aggregate(
                        () -> "",
                        AgreementTopology::add,
                        Named.as("pair-units"),
                        Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(PAIR_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Serdes.String())
                                .withCachingDisabled());
        builder.stream(
                        Topics.RATINGS.name(),
                        Consumed.with(Serdes.String(), Topics.RATINGS.valueSerde(serdeConfig))
                                .withName("agreement-ratings-source"))
                .flatMap((k, v) -> ratingAnswers(v), Named.as("rating-answers"))
                .groupByKey(Grouped.with("by-rated-response", Serdes.String(), Serdes.String()))
                .aggregate(
                        () -> "",
                        AgreementTopology::add,
                        Named.as("rating-units"),
                        Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(RATING_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Serdes.String())
                                .withCachingDisabled());
        return builder.build();
    }

    private static String add(String key, String answerJson, String unitJson) {
        Answer answer = Answer.fromJson(answerJson);
        return Unit.fromJson(unitJson)
                .with(answer.objective(), answer.annotator(), answer.answer())
                .toJson();
    }

    static KeyValue<String, String> preferenceAnswer(PreferenceRecorded event) {
        String objective = event.getObjective() == null ? NO_OBJECTIVE : event.getObjective();
        String chosen = identity(event.getChosen());
        String rejected = identity(event.getRejected());
        boolean chosenFirst = chosen.compareTo(rejected) <= 0;
        String vote = event.getTie() ? Unit.TIE : chosenFirst ? Unit.FIRST : Unit.SECOND;
        String key =
                sha256(
                        objective,
                        event.getPrompt(),
                        chosenFirst ? chosen : rejected,
                        chosenFirst ? rejected : chosen);
        return KeyValue.pair(key, new Answer(objective, event.getAnnotatorId(), vote).toJson());
    }

    static List<KeyValue<String, String>> ratingAnswers(RatingRecorded event) {
        List<KeyValue<String, String>> out = new ArrayList<>();
        String response = identity(event.getResponse());
        for (ObjectiveRating rating : event.getRatings()) {
            double span = rating.getScaleMax() - rating.getScaleMin();
            double scaled = span > 0 ? (rating.getValue() - rating.getScaleMin()) / span : 0.0;
            String key = sha256(rating.getObjective(), event.getPrompt(), response);
            out.add(
                    KeyValue.pair(
                            key,
                            new Answer(rating.getObjective(), event.getAnnotatorId(), scaled)
                                    .toJson()));
        }
        return out;
    }

    private static String identity(RatedResponse response) {
        String text = response.getText();
        if (text != null && !text.isEmpty()) {
            return "t:" + text;
        }
        return "i:" + response.getResponseId();
    }

    /** Hash of the parts, each length-prefixed so that no two part lists collide by joining. */
    private static String sha256(String... parts) {
        MessageDigest digest = FeedbackJson.sha256();
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
