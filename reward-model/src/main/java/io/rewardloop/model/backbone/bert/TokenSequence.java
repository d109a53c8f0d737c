package io.rewardloop.model.backbone.bert;

import io.rewardloop.model.backbone.BackboneException;

/**
 * One encoded sequence, special tokens included, before padding.
 *
 * @param ids the token ids
 * @param typeIds the segment of each token (0 for the first text, 1 for the second)
 */
public record TokenSequence(long[] ids, long[] typeIds) {

    /** Checks that ids and type ids line up. */
    public TokenSequence {
        if (ids.length != typeIds.length) {
            throw new BackboneException(ids.length + " ids but " + typeIds.length + " type ids");
        }
    }

    /**
     * Returns the number of tokens.
     *
     * @return the length
     */
    public int length() {
        return ids.length;
    }
}
