package io.rewardloop.scorer;

import io.rewardloop.events.ChatMessage;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.model.backbone.PromptResponse;

/**
 * Decides whether a decoded response can be scored and with what text: the prompt rendered from
 * chat turns when it came as turns, required ids present, no empty text, and oversized text cut or
 * rejected by the configured policy.
 */
final class ResponseCheck {

    private final int maxTextChars;
    private final OversizedPolicy policy;

    ResponseCheck(int maxTextChars, OversizedPolicy policy) {
        this.maxTextChars = maxTextChars;
        this.policy = policy;
    }

    /**
     * The verdict on one response.
     *
     * @param input what to score, null when rejected
     * @param rejection why it was rejected, null when accepted
     * @param promptCut whether the prompt was cut here (before the backbone's own limit)
     * @param responseCut whether the response was cut here
     */
    record Verdict(PromptResponse input, String rejection, boolean promptCut, boolean responseCut) {
        static Verdict reject(String reason) {
            return new Verdict(null, reason, false, false);
        }
    }

    Verdict check(ResponseGenerated response) {
        if (response.getResponseId().isBlank()) {
            return Verdict.reject("missing field: responseId is empty");
        }
        if (response.getPromptId().isBlank()) {
            return Verdict.reject("missing field: promptId is empty");
        }
        String prompt = promptText(response);
        String text = response.getResponse();
        if (prompt.isBlank()) {
            return Verdict.reject("empty prompt: no prompt text and no chat turns");
        }
        if (text.isBlank()) {
            return Verdict.reject("empty response");
        }
        boolean promptTooLong = prompt.length() > maxTextChars;
        boolean responseTooLong = text.length() > maxTextChars;
        if ((promptTooLong || responseTooLong) && policy == OversizedPolicy.REJECT) {
            return Verdict.reject(
                    "oversized "
                            + (promptTooLong
                                    ? "prompt (" + prompt.length()
                                    : "response (" + text.length())
                            + " chars > scorer.text.max.chars="
                            + maxTextChars
                            + ")");
        }
        // Cut like the backbone does: a prompt keeps its end (the latest turn), a response its
        // start.
        String keptPrompt =
                promptTooLong ? prompt.substring(prompt.length() - maxTextChars) : prompt;
        String keptText = responseTooLong ? text.substring(0, maxTextChars) : text;
        return new Verdict(
                new PromptResponse(keptPrompt, keptText), null, promptTooLong, responseTooLong);
    }

    /** The prompt text; chat turns are rendered as {@code \n\nRole: content} when no text came. */
    static String promptText(ResponseGenerated response) {
        if (!response.getPrompt().isBlank() || response.getMessages().isEmpty()) {
            return response.getPrompt();
        }
        StringBuilder rendered = new StringBuilder();
        for (ChatMessage message : response.getMessages()) {
            String role = message.getRole();
            rendered.append("\n\n")
                    .append(
                            role.isEmpty()
                                    ? ""
                                    : Character.toUpperCase(role.charAt(0)) + role.substring(1))
                    .append(": ")
                    .append(message.getContent());
        }
        return rendered.append("\n\nAssistant:").toString();
    }
}
