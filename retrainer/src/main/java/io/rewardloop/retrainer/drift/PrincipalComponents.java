package io.rewardloop.retrainer.drift;

import java.util.SplittableRandom;

/**
 * A projection onto the leading principal components of a sample, found by subspace (block power)
 * iteration on the sample covariance with Gram-Schmidt re-orthonormalisation.
 *
 * <p>The projection must be fitted on data that the drift test does not compare, or the fitted
 * points look different from fresh ones (PCA maximises their variance) and the test alarms without
 * drift; {@link DriftMonitor} fits it on one half of the reference and tests the other half. Any
 * fixed projection gives a valid test, so an iteration that stops before full convergence costs
 * power, not calibration.
 */
public final class PrincipalComponents {

    private static final int MAX_ITERATIONS = 300;
    private static final double TOLERANCE = 1e-9;

    private final double[] mean;
    private final double[][] components; // dims x inputDims, orthonormal rows

    private PrincipalComponents(double[] mean, double[][] components) {
        this.mean = mean;
        this.components = components;
    }

    /**
     * Fits the leading {@code dims} components.
     *
     * @param data rows are points, all of one length, more rows than {@code dims}
     * @param dims number of components, at most the input dimension
     * @param seed seed of the random starting subspace
     * @return the fitted projection
     */
    public static PrincipalComponents fit(float[][] data, int dims, long seed) {
        int d = data[0].length;
        if (dims < 1 || dims > d || data.length <= dims) {
            throw new IllegalArgumentException(
                    "cannot fit " + dims + " components to " + data.length + " x " + d);
        }
        double[] mean = new double[d];
        for (float[] row : data) {
            for (int k = 0; k < d; k++) {
                mean[k] += row[k] / (double) data.length;
            }
        }
        double[][] covariance = covariance(data, mean);
        double[][] basis = new double[dims][d];
        SplittableRandom random = new SplittableRandom(seed);
        for (double[] row : basis) {
            for (int k = 0; k < d; k++) {
                row[k] = random.nextDouble() - 0.5;
            }
        }
        orthonormalise(basis);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[][] next = new double[dims][];
            for (int c = 0; c < dims; c++) {
                next[c] = multiply(covariance, basis[c]);
            }
            orthonormalise(next);
            double change = maxDifference(basis, next);
            basis = next;
            if (change < TOLERANCE) {
                break;
            }
        }
        return new PrincipalComponents(mean, basis);
    }

    /**
     * Projects one point.
     *
     * @param point a point of the fitted dimension
     * @return its coordinates on the components
     */
    public double[] project(float[] point) {
        double[] projected = new double[components.length];
        for (int c = 0; c < components.length; c++) {
            double sum = 0;
            double[] component = components[c];
            for (int k = 0; k < point.length; k++) {
                sum += component[k] * (point[k] - mean[k]);
            }
            projected[c] = sum;
        }
        return projected;
    }

    /**
     * Projects every point.
     *
     * @param points rows are points
     * @return their coordinates
     */
    public double[][] project(float[][] points) {
        double[][] projected = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            projected[i] = project(points[i]);
        }
        return projected;
    }

    /**
     * The unit direction of one component.
     *
     * @param index 0 for the leading component
     * @return a copy of the direction
     */
    public double[] component(int index) {
        return components[index].clone();
    }

    private static double[][] covariance(float[][] data, double[] mean) {
        int d = mean.length;
        double[][] covariance = new double[d][d];
        double[] centred = new double[d];
        for (float[] row : data) {
            for (int k = 0; k < d; k++) {
                centred[k] = row[k] - mean[k];
            }
            for (int a = 0; a < d; a++) {
                double ca = centred[a];
                double[] target = covariance[a];
                for (int b = 0; b <= a; b++) {
                    target[b] += ca * centred[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                covariance[a][b] /= data.length - 1;
                covariance[b][a] = covariance[a][b];
            }
        }
        return covariance;
    }

    private static double[] multiply(double[][] matrix, double[] vector) {
        double[] result = new double[matrix.length];
        for (int a = 0; a < matrix.length; a++) {
            double sum = 0;
            double[] row = matrix[a];
            for (int b = 0; b < vector.length; b++) {
                sum += row[b] * vector[b];
            }
            result[a] = sum;
        }
        return result;
    }

    private static void orthonormalise(double[][] rows) {
        for (int c = 0; c < rows.length; c++) {
            double[] row = rows[c];
            for (int p = 0; p < c; p++) {
                double dot = dot(row, rows[p]);
                for (int k = 0; k < row.length; k++) {
                    row[k] -= dot * rows[p][k];
                }
            }
            double norm = Math.sqrt(dot(row, row));
            if (norm == 0) {
                throw new ArithmeticException(
                        "the sample spans fewer than " + rows.length + " dims");
            }
            for (int k = 0; k < row.length; k++) {
                row[k] /= norm;
            }
        }
    }

    private static double maxDifference(double[][] a, double[][] b) {
        double max = 0;
        for (int c = 0; c < a.length; c++) {
            for (int k = 0; k < a[c].length; k++) {
                max = Math.max(max, Math.abs(a[c][k] - b[c][k]));
            }
        }
        return max;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }
}
