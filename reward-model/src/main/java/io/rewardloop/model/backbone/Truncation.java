package io.rewardloop.model.backbone;

/**
 * Which side of a (prompt, response) pair the backbone cut to fit its token limit. Feature caches
 * persist the ordinal: add new values at the end only.
 */
public enum Truncation {
    /** Everything fitted. */
    NONE,
    /** The prompt lost its beginning (its most recent turns were kept). */
    PROMPT,
    /** The response lost its end (its beginning was kept). */
    RESPONSE,
    /** Both were cut. */
    BOTH;

    /**
     * Combines the two sides.
     *
     * @param promptCut whether the prompt was cut
     * @param responseCut whether the response was cut
     * @return the matching value
     */
    public static Truncation of(boolean promptCut, boolean responseCut) {
        if (promptCut) {
            return responseCut ? BOTH : PROMPT;
        }
        return responseCut ? RESPONSE : NONE;
    }
}
