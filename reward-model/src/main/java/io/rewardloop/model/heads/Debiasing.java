package io.rewardloop.model.heads;

/**
 * The verbosity debiasing transform: {@code r' = r T}, T the identity with row v replaced by {@code
 * e_v - lambda}, so {@code r'_i = r_i - lambda_i r_v} and {@code r'_v = 0} ({@code lambda_v = 1}).
 * With no verbosity objective T is the identity.
 */
public final class Debiasing {

    private final int verbosityIndex;
    private final double[] lambdas;

    /**
     * Creates the transform.
     *
     * @param verbosityIndex v, or -1 for none (then every lambda must be 0)
     * @param lambdas K coefficients; {@code lambdas[v]} must be 1
     */
    public Debiasing(int verbosityIndex, double[] lambdas) {
        if (verbosityIndex >= lambdas.length) {
            throw new IllegalArgumentException("verbosity index out of range");
        }
        if (verbosityIndex >= 0 && lambdas[verbosityIndex] != 1.0) {
            throw new IllegalArgumentException("lambda of the verbosity objective must be 1");
        }
        for (int i = 0; verbosityIndex < 0 && i < lambdas.length; i++) {
            if (lambdas[i] != 0) {
                throw new IllegalArgumentException(
                        "lambdas must be 0 without a verbosity objective");
            }
        }
        this.verbosityIndex = verbosityIndex;
        this.lambdas = lambdas.clone();
    }

    /**
     * Returns the identity transform over K objectives.
     *
     * @param k the number of objectives
     * @return T = I
     */
    public static Debiasing none(int k) {
        return new Debiasing(-1, new double[k]);
    }

    /**
     * Returns v.
     *
     * @return the verbosity index, or -1
     */
    public int verbosityIndex() {
        return verbosityIndex;
    }

    /**
     * Returns the coefficients.
     *
     * @return a copy of the K lambdas
     */
    public double[] lambdas() {
        return lambdas.clone();
    }

    /**
     * Applies the transform to one reward vector.
     *
     * @param r the K raw rewards
     * @return the K debiased rewards
     */
    public double[] apply(double[] r) {
        double[] out = r.clone();
        if (verbosityIndex >= 0) {
            double rv = r[verbosityIndex];
            for (int i = 0; i < out.length; i++) {
                out[i] = r[i] - lambdas[i] * rv;
            }
        }
        return out;
    }

    /**
     * Returns T as a matrix, for reporting and for callers that prefer {@code r T}.
     *
     * @return K x K
     */
    public double[][] matrix() {
        int k = lambdas.length;
        double[][] t = new double[k][k];
        for (int i = 0; i < k; i++) {
            t[i][i] = 1;
        }
        if (verbosityIndex >= 0) {
            for (int j = 0; j < k; j++) {
                t[verbosityIndex][j] = (j == verbosityIndex ? 1 : 0) - lambdas[j];
            }
        }
        return t;
    }
}
