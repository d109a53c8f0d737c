package io.rewardloop.model.heads;

/** Checks, before any training, that the data fits the objective set and each other. */
final class TrainingDataCheck {

    private final ArmoRmTrainer.Builder b;

    TrainingDataCheck(ArmoRmTrainer.Builder builder) {
        this.b = builder;
    }

    void check() {
        int k = b.objectives.size();
        int d = b.dimension();
        if (b.ratings != null && b.ratings.objectives() != k) {
            throw new IllegalArgumentException(
                    "ratings have " + b.ratings.objectives() + " columns, objectives " + k);
        }
        if (b.pairs != null) {
            FeatureChecks.requireDimension(b.pairs.chosen(), d, "pair responses");
            for (int o : b.pairs.objectives()) {
                if (o < PairSet.NO_OBJECTIVE || o >= k) {
                    throw new IllegalArgumentException("pair objective " + o + " out of range");
                }
                if (o >= 0 && b.objectives.get(o).kind() == ObjectiveKind.LENGTH) {
                    throw new IllegalArgumentException(
                            "pairs cannot be about the length objective");
                }
            }
        }
        StageOne stageOne = new StageOne(b.objectives, null, null);
        for (int j = 0; j < k; j++) {
            Objective objective = b.objectives.get(j);
            boolean rated = b.ratings != null && b.ratings.hasRatings(j);
            if (objective.kind() != ObjectiveKind.LENGTH
                    && !rated
                    && stageOne.pairRows(j, b.pairs).length == 0) {
                throw new IllegalArgumentException(
                        "objective '" + objective.name() + "' has neither ratings nor pairs");
            }
        }
        checkLengths(d);
    }

    private void checkLengths(int d) {
        if (b.referenceResponses != null) {
            FeatureChecks.requireDimension(b.referenceResponses, d, "reference responses");
            if (b.referenceLengths != null) {
                FeatureChecks.requireRows(
                        b.referenceLengths.length,
                        b.referenceResponses.length,
                        "reference lengths");
            }
        }
        if (!b.objectives.needsLength()) {
            return;
        }
        if (b.pairs != null && !b.pairs.hasLengths()) {
            throw new IllegalArgumentException(
                    "the length objective needs pair lengths (PairSet.Builder.optLengths)");
        }
        if (b.referenceResponses != null && b.referenceLengths == null) {
            throw new IllegalArgumentException("the length objective needs reference lengths");
        }
        if (b.pairs == null && b.referenceResponses == null && b.ratings.lengths() == null) {
            throw new IllegalArgumentException("the length objective needs rating lengths");
        }
    }
}
