package io.rewardloop.service;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Masks secret values before settings are logged or printed. */
public final class Redaction {

    /** What a secret value prints as. */
    public static final String MASK = "[hidden]";

    private static final String[] SECRET_MARKERS = {
        "password", "secret", "token", "jaas", "credentials", "user.info", "key"
    };

    private Redaction() {}

    /**
     * Whether a key names a secret (passwords, JAAS configs, tokens, keys, basic-auth user info).
     *
     * @param key a configuration key
     * @return true when its value must not be shown
     */
    public static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (String marker : SECRET_MARKERS) {
            if (marker.equals("token") && isTokenCount(lower)) {
                continue;
            }
            if (lower.contains(marker)
                    && !lower.endsWith(".location")
                    && !lower.endsWith(".type")) {
                return true;
            }
        }
        return false;
    }

    /** Sizes counted in model tokens ({@code scorer.batch.max.tokens}), not credentials. */
    private static boolean isTokenCount(String lower) {
        return lower.endsWith(".tokens") && !lower.contains("auth");
    }

    /**
     * A copy of a map whose secret values are masked, sorted by key.
     *
     * @param settings the settings
     * @return the printable copy
     */
    public static Map<String, Object> redact(Map<String, ?> settings) {
        Map<String, Object> out = new TreeMap<>();
        settings.forEach((k, v) -> out.put(k, isSecret(k) ? MASK : v));
        return out;
    }
}
