package io.rewardloop.model.backbone;

/**
 * How a (prompt, response) pair is fitted into a token limit. The policy, applied to token counts
 * that exclude special tokens:
 *
 * <ul>
 *   <li>When prompt and response fit together, nothing is cut.
 *   <li>Otherwise the prompt keeps its <b>end</b> (the most recent turn matters most) and the
 *       response keeps its <b>beginning</b>. The prompt keeps at most {@code maxPromptTokens} when
 *       the response needs the room, and more when the response is short: the response always gets
 *       what the prompt leaves.
 *   <li>A prompt encoded alone (for {@code h_x}) keeps its end, up to the whole limit.
 * </ul>
 *
 * @param maxTokens the most tokens of one encoded sequence, special tokens included
 * @param maxPromptTokens the most prompt tokens kept when the response needs the room
 */
public record TruncationPolicy(int maxTokens, int maxPromptTokens) {

    /**
     * The tokens kept of each side.
     *
     * @param promptTokens prompt tokens kept (its last ones)
     * @param responseTokens response tokens kept (its first ones)
     * @param truncation which sides were cut
     */
    public record Split(int promptTokens, int responseTokens, Truncation truncation) {}

    /** Validates the limits. */
    public TruncationPolicy {
        if (maxPromptTokens < 1 || maxTokens <= maxPromptTokens) {
            throw new BackboneException(
                    "Need 1 <= maxPromptTokens < maxTokens, got maxPromptTokens="
                            + maxPromptTokens
                            + ", maxTokens="
                            + maxTokens);
        }
    }

    /**
     * Splits the room of a pair encoding between prompt and response.
     *
     * @param promptTokens the prompt's token count
     * @param responseTokens the response's token count
     * @param specialTokens how many special tokens the pair encoding adds
     * @return the tokens kept of each side
     */
    public Split pair(int promptTokens, int responseTokens, int specialTokens) {
        int budget = maxTokens - specialTokens;
        if (budget <= maxPromptTokens) {
            throw new BackboneException(
                    "maxTokens=" + maxTokens + " leaves no room for a response");
        }
        if (promptTokens + responseTokens <= budget) {
            return new Split(promptTokens, responseTokens, Truncation.NONE);
        }
        int prompt = Math.min(promptTokens, Math.max(maxPromptTokens, budget - responseTokens));
        int response = Math.min(responseTokens, budget - prompt);
        return new Split(
                prompt, response, Truncation.of(prompt < promptTokens, response < responseTokens));
    }

    /**
     * Returns how many (final) tokens a prompt encoded alone keeps.
     *
     * @param promptTokens the prompt's token count
     * @param specialTokens how many special tokens the single encoding adds
     * @return the prompt tokens kept, counted from its end
     */
    public int promptAlone(int promptTokens, int specialTokens) {
        return Math.min(promptTokens, maxTokens - specialTokens);
    }
}
