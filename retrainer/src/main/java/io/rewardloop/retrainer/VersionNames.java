package io.rewardloop.retrainer;

import io.rewardloop.channel.VersionOrder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the version a round publishes from its parent's: the last run of digits counted up with its
 * width kept ({@code v0009 -> v0010}, {@code 2026-r7 -> 2026-r8}); a parent without digits gets
 * {@code .1}; a lineage without a version starts at {@code v0001}. The name depends only on the
 * parent, so two instances (or a restart) answering the same request name the same version, and the
 * publisher's order check lets only one of them through. The next name always orders after the
 * parent ({@link VersionOrder}).
 */
public final class VersionNames {

    /** The first version of a lineage. */
    public static final String FIRST = "v0001";

    private static final Pattern LAST_DIGITS = Pattern.compile("(\\d+)(\\D*)$");

    private VersionNames() {}

    /**
     * The version after a parent.
     *
     * @param parent the live version, or null
     * @return the next version
     */
    public static String next(String parent) {
        if (parent == null) {
            return FIRST;
        }
        Matcher m = LAST_DIGITS.matcher(parent);
        if (!m.find()) {
            return parent + ".1";
        }
        String digits = m.group(1);
        String next = new java.math.BigInteger(digits).add(java.math.BigInteger.ONE).toString();
        String padded = "0".repeat(Math.max(0, digits.length() - next.length())) + next;
        return parent.substring(0, m.start(1)) + padded + m.group(2);
    }
}
