package io.rewardloop.retrainer.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Seeded synthetic scored responses: independent N(0, 1) objective rewards and score; embeddings
 * whose first {@code FACTORS} coordinates carry N(0, 1) factors scaled by 3 over small noise; head
 * rewards that share one signal plus head noise; optionally no score. Shifts move one objective's
 * mean or the first factor's mean, in standard deviations.
 */
final class SyntheticStream {

    static final int FACTORS = 4;

    private final SplittableRandom random;
    private final int objectives;
    private final int embeddingDims;
    private final int heads;
    private int shiftedObjective = -1;
    private double objectiveShift;
    private double embeddingShift;
    private boolean scores = true;
    private long time;

    SyntheticStream(long seed, int objectives, int embeddingDims, int heads) {
        this.random = new SplittableRandom(seed);
        this.objectives = objectives;
        this.embeddingDims = embeddingDims;
        this.heads = heads;
    }

    SyntheticStream shiftObjective(int objective, double standardDeviations) {
        shiftedObjective = objective;
        objectiveShift = standardDeviations;
        return this;
    }

    SyntheticStream shiftEmbeddings(double standardDeviations) {
        embeddingShift = standardDeviations;
        return this;
    }

    /** Makes the responses carry no score (NaN), as the retrainer's feature feed's do. */
    SyntheticStream withoutScores() {
        scores = false;
        return this;
    }

    ScoredResponse next() {
        double[] rewards = new double[objectives];
        for (int k = 0; k < objectives; k++) {
            rewards[k] = random.nextGaussian() + (k == shiftedObjective ? objectiveShift : 0);
        }
        double score = random.nextGaussian();
        return new ScoredResponse(
                time++, rewards, scores ? score : Double.NaN, embedding(), headRewards());
    }

    DriftReference reference(int size, OptionalDouble discrimination, OptionalDouble accuracy) {
        List<ScoredResponse> responses = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            responses.add(next());
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < objectives; k++) {
            names.add("objective-" + k);
        }
        return new DriftReference(names, responses, discrimination, accuracy);
    }

    /** The rewards of k policy samples of one prompt. */
    double[] prompt(int k) {
        double[] rewards = new double[k];
        for (int i = 0; i < k; i++) {
            rewards[i] = random.nextGaussian();
        }
        return rewards;
    }

    boolean humanLabel(double accuracy) {
        return random.nextDouble() < accuracy;
    }

    private float[] embedding() {
        if (embeddingDims == 0) {
            return null;
        }
        float[] embedding = new float[embeddingDims];
        for (int d = 0; d < embeddingDims; d++) {
            double factor =
                    d < FACTORS ? 3 * (random.nextGaussian() + (d == 0 ? embeddingShift : 0)) : 0;
            embedding[d] = (float) (factor + 0.3 * random.nextGaussian());
        }
        return embedding;
    }

    private double[] headRewards() {
        if (heads == 0) {
            return null;
        }
        double signal = random.nextGaussian();
        double[] rewards = new double[heads];
        for (int h = 0; h < heads; h++) {
            rewards[h] = (h + 1) * signal + 0.3 * random.nextGaussian() + h;
        }
        return rewards;
    }
}
