package io.rewardloop.channel;

import java.util.Comparator;

/**
 * Orders model versions the way people write them: runs of digits compare as numbers, so {@code
 * v10} comes after {@code v9}, and {@code 2026-11-22.3} after {@code 2026-11-22.2}; every other
 * character compares by its code, one by one (so a digit sorts before a letter, and {@code
 * 20261130} before {@code v0007}). Leading zeros do not count: {@code v01} and {@code v1} are
 * equal, which is why {@link ModelPublisher} refuses the second as a duplicate. A version that is a
 * prefix of another orders first ({@code v7} before {@code v7.1}).
 */
public final class VersionOrder implements Comparator<String> {

    /** The one instance. */
    public static final VersionOrder INSTANCE = new VersionOrder();

    private VersionOrder() {}

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                int byNumber = compareDigits(a.substring(i, endA), b.substring(j, endB));
                if (byNumber != 0) {
                    return byNumber;
                }
                i = endA;
                j = endB;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static int digitsEnd(String text, int from) {
        int end = from;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static int compareDigits(String a, String b) {
        String x = a.replaceFirst("^0+(?=.)", "");
        String y = b.replaceFirst("^0+(?=.)", "");
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }
}
