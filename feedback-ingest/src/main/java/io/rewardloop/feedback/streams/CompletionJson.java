package io.rewardloop.feedback.streams;

import io.rewardloop.common.RewardLoopException;
import io.rewardloop.feedback.FeedbackJson;
import java.io.IOException;

/**
 * The JSON form of the completion's internal values (repartition records, store entries). They are
 * written and read by this application only; one that cannot be read is a bug, not bad input, so it
 * stops the application rather than becoming a dead letter.
 */
final class CompletionJson {

    private CompletionJson() {}

    static byte[] write(Object value) {
        try {
            return FeedbackJson.MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new RewardLoopException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return FeedbackJson.MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new RewardLoopException("cannot read " + type.getSimpleName(), e);
        }
    }
}
