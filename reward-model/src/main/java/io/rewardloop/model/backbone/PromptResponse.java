package io.rewardloop.model.backbone;

import java.util.Objects;

/**
 * One input to a backbone: the prompt (the whole conversation before the response, most recent turn
 * last) and the response to score.
 *
 * @param prompt the prompt text, never null (may be empty)
 * @param response the response text, never null (may be empty)
 */
public record PromptResponse(String prompt, String response) {

    /** Rejects null texts. */
    public PromptResponse {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(response, "response");
    }
}
