package io.rewardloop.feedback.agreement;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Krippendorff's alpha over reliability data with missing values: each unit is the list of the
 * values its coders gave (any number, missing ones simply absent). Only pairable values count:
 * those of units with at least two values. With {@code n} pairable values,
 *
 * <pre>
 * D_o = 1/n * sum_u 1/(m_u - 1) * sum_{i != j in u} delta(v_i, v_j)
 * D_e = 1/(n (n - 1)) * sum_{i != j over all pairable values} delta(v_i, v_j)
 * alpha = 1 - D_o / D_e
 * </pre>
 *
 * which is the coincidence-matrix form (Krippendorff, "Computing Krippendorff's Alpha-Reliability",
 * 2011) written over values instead of the matrix cells. Alpha is undefined (empty) with fewer than
 * two pairable values or when every pairable value is the same (D_e = 0).
 */
public final class KrippendorffAlpha {

    private KrippendorffAlpha() {}

    /**
     * Alpha with the interval metric, delta = (a - b)^2. Sums in closed form: a unit (or the pool)
     * of m values with sum S and sum of squares Q has sum_{i != j} (v_i - v_j)^2 = 2 (m Q - S^2).
     *
     * @param units each unit's values; units with fewer than two values are ignored
     * @return alpha, or empty when undefined
     */
    public static OptionalDouble interval(Collection<? extends List<Double>> units) {
        long n = 0;
        double observed = 0;
        double sum = 0;
        double squares = 0;
        for (List<Double> unit : units) {
            int m = unit.size();
            if (m < 2) {
                continue;
            }
            double s = 0;
            double q = 0;
            for (double v : unit) {
                s += v;
                q += v * v;
            }
            observed += 2 * (m * q - s * s) / (m - 1);
            n += m;
            sum += s;
            squares += q;
        }
        if (n < 2) {
            return OptionalDouble.empty();
        }
        double expected = 2 * (n * squares - sum * sum) / (n - 1);
        // Both sums carry the same 1/n factor, which cancels in the ratio.
        return ratio(observed, expected);
    }

    /**
     * Alpha with the nominal metric, delta = 0 when equal, else 1.
     *
     * @param units each unit's values; units with fewer than two values are ignored
     * @return alpha, or empty when undefined
     */
    public static OptionalDouble nominal(Collection<? extends List<?>> units) {
        long n = 0;
        double observed = 0;
        Map<Object, Long> pool = new HashMap<>();
        for (List<?> unit : units) {
            int m = unit.size();
            if (m < 2) {
                continue;
            }
            Map<Object, Long> counts = new HashMap<>();
            unit.forEach(v -> counts.merge(v, 1L, Long::sum));
            observed += (differentPairs(counts, m)) / (double) (m - 1);
            counts.forEach((v, c) -> pool.merge(v, c, Long::sum));
            n += m;
        }
        if (n < 2) {
            return OptionalDouble.empty();
        }
        double expected = differentPairs(pool, n) / (double) (n - 1);
        return ratio(observed, expected);
    }

    /** Ordered pairs of unequal values among m values with these counts: m^2 - sum c^2. */
    private static double differentPairs(Map<Object, Long> counts, long m) {
        double same = 0;
        for (long c : counts.values()) {
            same += (double) c * c;
        }
        return (double) m * m - same;
    }

    private static OptionalDouble ratio(double observed, double expected) {
        if (expected <= 1e-12) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(1 - observed / expected);
    }
}
