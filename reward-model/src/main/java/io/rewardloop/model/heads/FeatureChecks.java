package io.rewardloop.model.heads;

/** Shape checks shared by the data holders; messages name the argument. */
final class FeatureChecks {

    private FeatureChecks() {}

    static int requireMatrix(float[][] rows, String name) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException(name + " must have at least one row");
        }
        int d = rows[0].length;
        if (d == 0) {
            throw new IllegalArgumentException(name + " rows must not be empty");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException(
                        name + " row " + i + " has " + rows[i].length + " columns, expected " + d);
            }
        }
        return d;
    }

    static void requireRows(int actual, int expected, String name) {
        if (actual != expected) {
            throw new IllegalArgumentException(
                    name + " has " + actual + " rows, expected " + expected);
        }
    }

    static void requireDimension(float[][] rows, int d, String name) {
        if (requireMatrix(rows, name) != d) {
            throw new IllegalArgumentException(
                    name + " has dimension " + rows[0].length + ", expected " + d);
        }
    }
}
