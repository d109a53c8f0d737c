package io.rewardloop.model.backbone;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Forms batches by a budget of <b>padded</b> tokens instead of a record count. Sequences are sorted
 * by length (longest first, ties by input position, so the result is deterministic) so that similar
 * lengths share a batch and little compute is spent on padding; a batch is cut when its size times
 * its longest sequence would exceed {@code maxBatchTokens}, or when it reaches {@code
 * maxBatchSize}. A single sequence longer than the budget still forms a batch of its own.
 *
 * <p>The batches hold indices into the input, so callers write results back in input order.
 */
public final class TokenBudgetBatcher {

    private final int maxBatchTokens;
    private final int maxBatchSize;

    /**
     * Creates a batcher.
     *
     * @param maxBatchTokens the most padded tokens ({@code size x longest}) of one batch
     * @param maxBatchSize the most sequences of one batch
     */
    public TokenBudgetBatcher(int maxBatchTokens, int maxBatchSize) {
        if (maxBatchTokens < 1 || maxBatchSize < 1) {
            throw new BackboneException(
                    "maxBatchTokens and maxBatchSize must be positive, got "
                            + maxBatchTokens
                            + " and "
                            + maxBatchSize);
        }
        this.maxBatchTokens = maxBatchTokens;
        this.maxBatchSize = maxBatchSize;
    }

    /**
     * Groups sequences into batches.
     *
     * @param lengths the length of each sequence, in input order
     * @return the batches, each an array of input indices, longest sequence first
     */
    public List<int[]> batches(int[] lengths) {
        int[] order =
                IntStream.range(0, lengths.length)
                        .boxed()
                        .sorted(
                                Comparator.<Integer>comparingInt(i -> -lengths[i])
                                        .thenComparingInt(i -> i))
                        .mapToInt(Integer::intValue)
                        .toArray();
        List<int[]> batches = new ArrayList<>();
        int start = 0;
        while (start < order.length) {
            int longest = Math.max(1, lengths[order[start]]);
            int size = 1;
            while (start + size < order.length
                    && size < maxBatchSize
                    && (long) (size + 1) * longest <= maxBatchTokens) {
                size++;
            }
            int[] batch = new int[size];
            System.arraycopy(order, start, batch, 0, size);
            batches.add(batch);
            start += size;
        }
        return batches;
    }
}
