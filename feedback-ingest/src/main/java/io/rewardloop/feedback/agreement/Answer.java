package io.rewardloop.feedback.agreement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rewardloop.common.RewardLoopException;

/**
 * One annotator's answer about one unit, as it travels from the event to the unit's aggregate
 * (re-keyed by unit), as JSON.
 *
 * @param objective the objective
 * @param annotator the annotator id
 * @param answer a vote ({@link Unit#FIRST}, {@link Unit#SECOND}, {@link Unit#TIE}, a String) or a
 *     rating rescaled to [0, 1] (a Double)
 */
record Answer(String objective, String annotator, Object answer) {

    private static final ObjectMapper JSON = new ObjectMapper();

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new RewardLoopException("cannot encode agreement answer: " + e.getMessage(), e);
        }
    }

    static Answer fromJson(String json) {
        try {
            return JSON.readValue(json, Answer.class);
        } catch (JsonProcessingException e) {
            throw new RewardLoopException("cannot decode agreement answer: " + e.getMessage(), e);
        }
    }
}
