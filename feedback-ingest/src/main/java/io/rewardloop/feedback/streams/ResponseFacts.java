package io.rewardloop.feedback.streams;

import io.rewardloop.events.ResponseGenerated;

/**
 * What completion needs of a response on {@code rlhf.responses}.
 *
 * @param responseId the response id
 * @param promptId the prompt id
 * @param prompt the prompt text
 * @param text the response text
 */
record ResponseFacts(String responseId, String promptId, String prompt, String text) {

    static ResponseFacts of(ResponseGenerated response) {
        return new ResponseFacts(
                response.getResponseId(),
                response.getPromptId(),
                response.getPrompt(),
                response.getResponse());
    }

    static ResponseFacts read(byte[] json) {
        return CompletionJson.read(json, ResponseFacts.class);
    }

    byte[] bytes() {
        return CompletionJson.write(this);
    }
}
