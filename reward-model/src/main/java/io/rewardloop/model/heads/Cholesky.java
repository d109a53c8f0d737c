package io.rewardloop.model.heads;

/**
 * Cholesky factorization {@code A = L L^T} of a symmetric positive definite matrix in plain double
 * arithmetic, exact up to rounding and deterministic.
 */
final class Cholesky {

    private final double[] lower;
    private final int n;

    private Cholesky(double[] lower, int n) {
        this.lower = lower;
        this.n = n;
    }

    /**
     * Factors {@code A + shift * I}.
     *
     * @param a n x n row-major symmetric matrix (only the lower triangle is read)
     * @param n the order
     * @param shift added to the diagonal (the ridge penalty)
     * @return the factorization
     * @throws ArithmeticException when the matrix is not positive definite
     */
    static Cholesky factor(double[] a, int n, double shift) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            for (int j = 0; j <= i; j++) {
                int rj = j * n;
                double sum = a[ri + j] + (i == j ? shift : 0.0);
                for (int k = 0; k < j; k++) {
                    sum -= l[ri + k] * l[rj + k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new ArithmeticException("matrix is not positive definite at " + i);
                    }
                    l[ri + i] = Math.sqrt(sum);
                } else {
                    l[ri + j] = sum / l[rj + j];
                }
            }
        }
        return new Cholesky(l, n);
    }

    /**
     * Solves {@code (A + shift I) x = b}.
     *
     * @param b the right-hand side
     * @return x
     */
    double[] solve(double[] b) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= lower[i * n + k] * y[k];
            }
            y[i] = sum / lower[i * n + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= lower[k * n + i] * x[k];
            }
            x[i] = sum / lower[i * n + i];
        }
        return x;
    }

    /**
     * Accumulates the weighted Gram matrix {@code sum_i w_i x_i x_i^T} (lower triangle and
     * mirrored).
     *
     * @param rows the vectors x_i
     * @param weights the w_i, or null for all ones
     * @param d the dimension
     * @return d x d row-major
     */
    static double[] gram(double[][] rows, double[] weights, int d) {
        double[] g = new double[d * d];
        for (int r = 0; r < rows.length; r++) {
            double[] x = rows[r];
            double w = weights == null ? 1.0 : weights[r];
            for (int i = 0; i < d; i++) {
                double xi = x[i] * w;
                if (xi == 0.0) {
                    continue;
                }
                int ri = i * d;
                for (int j = 0; j <= i; j++) {
                    g[ri + j] += xi * x[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                g[j * d + i] = g[i * d + j];
            }
        }
        return g;
    }
}
