package io.rewardloop.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Fails start-up on a key under a service's prefix that the service does not read: a typo such as
 * {@code SCORER_BATCH_MAX_TOKEN} would otherwise leave the default in force without a word. The
 * message names the key as it was written and the closest known key.
 *
 * <pre>{@code
 * UnknownKeys.require(source, "scorer.", List.of(ScorerConfig.GROUP_ID, ...));
 * }</pre>
 */
public final class UnknownKeys {

    private UnknownKeys() {}

    /**
     * Checks every system property under {@code prefix} and every environment variable under its
     * environment form against the known keys.
     *
     * @param source where the keys are set
     * @param prefix the service's prefix, e.g. {@code scorer.}
     * @param known the keys the service reads; an entry ending in {@code .} admits every key under
     *     it (e.g. a pass-through prefix)
     * @throws ConfigException naming each unknown key and the closest known key
     */
    public static void require(ConfigSource source, String prefix, Collection<String> known) {
        List<String> problems = new ArrayList<>();
        for (String name : source.namesUnder(prefix)) {
            boolean environment = !name.startsWith(prefix);
            if (!isKnown(name, environment, known)) {
                problems.add(describe(name, environment, known));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems));
        }
    }

    /**
     * The known key closest to a name, by edit distance on the environment form, when it is close
     * enough to be a plausible typo.
     *
     * @param name a key or environment-variable name
     * @param known the known keys
     * @return the closest known key, if any is within a third of the name's length (at least 3)
     */
    public static Optional<String> closest(String name, Collection<String> known) {
        String target = ConfigSource.environmentName(name);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String key : known) {
            int distance = distance(target, ConfigSource.environmentName(key));
            if (distance < bestDistance) {
                best = key;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(3, target.length() / 3);
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    private static boolean isKnown(String name, boolean environment, Collection<String> known) {
        for (String key : known) {
            String form = environment ? ConfigSource.environmentName(key) : key;
            if (key.endsWith(".") ? name.startsWith(form) : name.equals(form)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(String name, boolean environment, Collection<String> known) {
        StringBuilder message =
                new StringBuilder("Unknown configuration ")
                        .append(environment ? "environment variable '" : "key '")
                        .append(name)
                        .append("'");
        Optional<String> closest = closest(name, known);
        if (closest.isPresent()) {
            String key = closest.get();
            message.append(": did you mean '")
                    .append(environment ? ConfigSource.environmentName(key) : key)
                    .append("' (")
                    .append(environment ? "key " + key : "env " + ConfigSource.environmentName(key))
                    .append(")?");
        } else {
            message.append(": known keys are ")
                    .append(String.join(", ", known.stream().sorted().toList()));
        }
        return message.toString();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        String x = a.toUpperCase(Locale.ROOT);
        String y = b.toUpperCase(Locale.ROOT);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitute = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()];
    }
}
