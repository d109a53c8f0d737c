package io.rewardloop.model.heads;

/**
 * Full-batch Newton's method with backtracking for L2-regularised logistic regression without
 * intercept on pair differences: {@code min_w sum_j softplus(-w.z_j) + l2 |w|^2}. Deterministic: no
 * sampling, fixed iteration order.
 */
final class LogisticNewton {

    private final int maxIterations;
    private final double tolerance;

    LogisticNewton(int maxIterations, double tolerance) {
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /**
     * Minimises the objective from a starting point.
     *
     * @param z the pair differences {@code h_chosen - h_rejected}
     * @param l2 the penalty
     * @param start the starting weights (warm start), not modified
     * @return the minimiser
     */
    double[] minimise(double[][] z, double l2, double[] start) {
        int d = start.length;
        double[] w = start.clone();
        double f = objective(z, w, l2);
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            double[] grad = new double[d];
            double[] curvature = new double[z.length];
            for (int j = 0; j < z.length; j++) {
                double p = Vectors.sigmoid(-Vectors.dot(w, z[j]));
                curvature[j] = p * (1 - p);
                for (int i = 0; i < d; i++) {
                    grad[i] -= p * z[j][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < d; i++) {
                grad[i] += 2 * l2 * w[i];
                norm = Math.max(norm, Math.abs(grad[i]));
            }
            if (norm < tolerance) {
                break;
            }
            double[] hessian = Cholesky.gram(z, curvature, d);
            double[] direction = Cholesky.factor(hessian, d, 2 * l2).solve(grad);
            double slope = -Vectors.dot(grad, direction);
            double step = 1.0;
            double[] next = new double[d];
            double fNext = f;
            for (int halvings = 0; halvings < 40; halvings++) {
                for (int i = 0; i < d; i++) {
                    next[i] = w[i] - step * direction[i];
                }
                fNext = objective(z, next, l2);
                if (fNext <= f + 1e-4 * step * slope) {
                    break;
                }
                step /= 2;
            }
            if (!(fNext < f)) {
                break;
            }
            double decrease = f - fNext;
            w = next;
            f = fNext;
            if (decrease < 1e-12 * (1 + Math.abs(f))) {
                break;
            }
        }
        return w;
    }

    static double objective(double[][] z, double[] w, double l2) {
        double f = 0;
        for (double[] row : z) {
            f += Vectors.softplus(-Vectors.dot(w, row));
        }
        return f + l2 * Vectors.dot(w, w);
    }

    static double meanLogLoss(double[][] z, double[] w) {
        return objective(z, w, 0) / z.length;
    }
}
