package io.rewardloop.feedback.streams;

import io.rewardloop.schemas.Topics;

/**
 * The lookup's answer for one response a feedback item waits for. Keyed by feedback id on its way
 * to {@link FeedbackCompletionProcessor}.
 *
 * @param feedback the waiting item
 * @param responseId the response it waited for
 * @param response the response; null when it did not arrive in time or is unusable
 * @param problem why the response is unusable (a dead-letter reason); null otherwise
 */
record CompletionAnswer(
        WaitingFeedback feedback, String responseId, ResponseFacts response, String problem) {

    static CompletionAnswer read(byte[] json) {
        return CompletionJson.read(json, CompletionAnswer.class);
    }

    /** The dead-letter reason this answer makes, or null when the response can be filled in. */
    String failure(CompletionSettings settings) {
        if (problem != null || response != null) {
            return problem;
        }
        return FeedbackTopology.INCOMPLETE
                + ": response "
                + responseId
                + " did not arrive on "
                + Topics.RESPONSES.name()
                + " within "
                + settings.maxWait();
    }

    byte[] bytes() {
        return CompletionJson.write(this);
    }
}
