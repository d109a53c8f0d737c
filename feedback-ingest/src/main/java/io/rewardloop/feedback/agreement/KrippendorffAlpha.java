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
     * Alpha with the interval metric, delta = (a - b)^2.
     *
     * @param units each unit's values; units with fewer than two values are ignored
     * @return alpha, or empty when undefined
     */
    public static OptionalDouble interval(Collection<? extends List<Double>> units) {
        IntervalSums sums = IntervalSums.EMPTY;
        for (List<Double> unit : units) {
            sums = sums.plus(IntervalSums.of(unit));
        }
        return sums.alpha();
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

    /**
     * The sums behind interval alpha, which add up across units and so across instances that each
     * hold some units: a unit (or the pool) of m values with sum S and sum of squares Q has sum_{i
     * != j} (v_i - v_j)^2 = 2 (m Q - S^2). Only pairable units (two values or more) are counted.
     *
     * @param units pairable units
     * @param values the values of those units (alpha's n)
     * @param observed sum over units of 2 (m Q - S^2) / (m - 1), i.e. n D_o
     * @param sum sum of the values
     * @param squares sum of the squared values
     */
    public record IntervalSums(
            long units, long values, double observed, double sum, double squares) {

        /** No units. */
        public static final IntervalSums EMPTY = new IntervalSums(0, 0, 0, 0, 0);

        /**
         * The sums of one unit.
         *
         * @param unit the values its coders gave
         * @return its sums; {@link #EMPTY} with fewer than two values
         */
        public static IntervalSums of(List<Double> unit) {
            int m = unit.size();
            if (m < 2) {
                return EMPTY;
            }
            double s = 0;
            double q = 0;
            for (double v : unit) {
                s += v;
                q += v * v;
            }
            return new IntervalSums(1, m, 2 * (m * q - s * s) / (m - 1), s, q);
        }

        /**
         * These units and others.
         *
         * @param other sums over other units
         * @return the sums over both
         */
        public IntervalSums plus(IntervalSums other) {
            return new IntervalSums(
                    units + other.units,
                    values + other.values,
                    observed + other.observed,
                    sum + other.sum,
                    squares + other.squares);
        }

        /**
         * Alpha with the interval metric over these units.
         *
         * @return alpha, or empty when undefined
         */
        public OptionalDouble alpha() {
            if (values < 2) {
                return OptionalDouble.empty();
            }
            double expected = 2 * (values * squares - sum * sum) / (values - 1);
            // Both sums carry the same 1/n factor, which cancels in the ratio.
            return ratio(observed, expected);
        }
    }
}
