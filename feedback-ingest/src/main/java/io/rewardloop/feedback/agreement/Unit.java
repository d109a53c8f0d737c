package io.rewardloop.feedback.agreement;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the annotators said about one unit: one preference pair or one rated response, for one
 * objective. The value is each annotator's latest answer (a preference vote {@value #FIRST},
 * {@value #SECOND} or {@value #TIE}, or a rating rescaled to [0, 1]); an annotator who answers
 * again replaces the earlier answer, so re-reading a record (at-least-once) changes nothing. Stored
 * as JSON in the topology's stores.
 *
 * @param objective the objective, {@link AgreementTopology#NO_OBJECTIVE} when none was named
 * @param answers annotator id to vote (a String) or rescaled rating (a Double)
 */
public record Unit(String objective, Map<String, Object> answers) {

    /** Vote: the response that sorts first (by text, or by id when it has no text) won. */
    public static final String FIRST = "first";

    /** Vote: the response that sorts second won. */
    public static final String SECOND = "second";

    /** Vote: a tie. */
    public static final String TIE = "tie";

    private static final String WHAT = "agreement unit";

    /** Copies (sorted, for a stable JSON form). */
    public Unit {
        answers = new TreeMap<>(answers);
    }

    /**
     * An empty unit, the aggregate's start.
     *
     * @return a unit without objective or answers
     */
    static Unit empty() {
        return new Unit(null, Map.of());
    }

    /**
     * This unit with one more (or a replaced) answer.
     *
     * @param objective the unit's objective
     * @param annotator who answered
     * @param answer the vote or rescaled rating
     * @return the new unit
     */
    Unit with(String objective, String annotator, Object answer) {
        Map<String, Object> copy = new TreeMap<>(answers);
        copy.put(annotator, answer);
        return new Unit(objective, copy);
    }

    /**
     * The JSON form.
     *
     * @return JSON text
     */
    String toJson() {
        return AgreementJson.object(
                WHAT,
                generator -> {
                    generator.writeStringField("objective", objective);
                    generator.writeObjectFieldStart("answers");
                    for (Map.Entry<String, Object> entry : answers.entrySet()) {
                        generator.writeFieldName(entry.getKey());
                        AgreementJson.writeAnswer(generator, entry.getValue());
                    }
                    generator.writeEndObject();
                });
    }

    /**
     * Reads the JSON form; null or empty gives {@link #empty()}.
     *
     * @param json JSON text
     * @return the unit
     */
    static Unit fromJson(String json) {
        if (json == null || json.isEmpty()) {
            return empty();
        }
        String[] objective = new String[1];
        Map<String, Object> answers = new TreeMap<>();
        AgreementJson.readObject(
                WHAT,
                json,
                (name, parser) -> {
                    switch (name) {
                        case "objective" -> objective[0] = AgreementJson.text(parser);
                        case "answers" -> AgreementJson.readAnswers(parser, answers, WHAT);
                        default -> parser.skipChildren();
                    }
                });
        return new Unit(objective[0], answers);
    }
}
