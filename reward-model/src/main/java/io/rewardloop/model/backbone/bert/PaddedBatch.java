package io.rewardloop.model.backbone.bert;

import java.util.List;

/**
 * Sequences padded on the right to the longest of the batch, flattened row-major as an encoder
 * takes them.
 *
 * @param ids token ids, {@code [size * length]}
 * @param typeIds segment ids, {@code [size * length]}
 * @param mask 1 for a real token, 0 for padding, {@code [size * length]}
 * @param size the number of sequences
 * @param length the padded length
 */
public record PaddedBatch(long[] ids, long[] typeIds, long[] mask, int size, int length) {

    /**
     * The id in padded positions (Java's zero-initialised arrays); masked out, so any valid id
     * would do.
     */
    public static final long PAD_ID = 0;

    /**
     * Pads sequences to the longest of them.
     *
     * @param sequences the sequences, at least one
     * @return the padded batch
     */
    public static PaddedBatch of(List<TokenSequence> sequences) {
        int length = 1;
        for (TokenSequence sequence : sequences) {
            length = Math.max(length, sequence.length());
        }
        int size = sequences.size();
        long[] ids = new long[size * length];
        long[] types = new long[size * length];
        long[] mask = new long[size * length];
        for (int row = 0; row < size; row++) {
            TokenSequence sequence = sequences.get(row);
            int offset = row * length;
            System.arraycopy(sequence.ids(), 0, ids, offset, sequence.length());
            System.arraycopy(sequence.typeIds(), 0, types, offset, sequence.length());
            java.util.Arrays.fill(mask, offset, offset + sequence.length(), 1L);
        }
        return new PaddedBatch(ids, types, mask, size, length);
    }
}
