package io.rewardloop.model.heads;

/**
 * Full-batch Newton's method with backtracking for L2-regularised logistic regression without
 * intercept on pair differences: {@code min_w sum_j softplus(-w.z_j) + l2 |w|^2}, or with {@link
 * PairTargets} each row's margin and smoothing loss instead of {@code softplus(-w.z_j)} (still
 * convex, same curvature). Deterministic: no sampling, fixed iteration order.
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
     * @param targets each row's margin and smoothing, or null for the plain loss
     * @param l2 the penalty
     * @param start the starting weights (warm start), not modified
     * @return the minimiser
     */
    double[] minimise(double[][] z, PairTargets targets, double l2, double[] start) {
        int d = start.length;
        double[] w = start.clone();
        double f = objective(z, targets, w, l2);
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            double[] grad = new double[d];
            double[] curvature = new double[z.length];
            for (int j = 0; j < z.length; j++) {
                double p = Vectors.sigmoid(-(Vectors.dot(w, z[j]) - margin(targets, j)));
                curvature[j] = p * (1 - p);
                // d loss / d u = -(p - a): the plain loss's -p when a = 0.
                double weight = targets == null ? p : p - targets.smoothing()[j];
                for (int i = 0; i < d; i++) {
                    grad[i] -= weight * z[j][i];
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
                fNext = objective(z, targets, next, l2);
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

    static double objective(double[][] z, PairTargets targets, double[] w, double l2) {
        double f = 0;
        for (int j = 0; j < z.length; j++) {
            double difference = Vectors.dot(w, z[j]);
            f += targets == null ? Vectors.softplus(-difference) : targets.loss(j, difference);
        }
        return f + l2 * Vectors.dot(w, w);
    }

    static double meanLogLoss(double[][] z, PairTargets targets, double[] w) {
        return objective(z, targets, w, 0) / z.length;
    }

    private static double margin(PairTargets targets, int j) {
        return targets == null ? 0 : targets.margins()[j];
    }
}
