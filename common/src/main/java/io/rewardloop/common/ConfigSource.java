package io.rewardloop.common;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads typed configuration values: environment first, then system properties, then the default.
 *
 * <p>A key such as {@code scorer.batch.max.tokens} is looked up in the environment as {@code
 * SCORER_BATCH_MAX_TOKENS} and as the system property {@code scorer.batch.max.tokens}. A value that
 * does not parse fails at start-up with a {@link ConfigException} that names the key.
 */
public final class ConfigSource {

    private final Map<String, String> environment;
    private final Map<String, String> overrides;

    private ConfigSource(Map<String, String> environment, Map<String, String> overrides) {
        this.environment = Map.copyOf(environment);
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * The process's environment and system properties.
     *
     * @return a source over {@link System#getenv()} and {@link System#getProperties()}
     */
    public static ConfigSource fromSystem() {
        Map<String, String> properties =
                System.getProperties().entrySet().stream()
                        .collect(
                                java.util.stream.Collectors.toMap(
                                        e -> String.valueOf(e.getKey()),
                                        e -> String.valueOf(e.getValue())));
        return new ConfigSource(System.getenv(), properties);
    }

    /**
     * A source over explicit maps, for tests and for command-line flags.
     *
     * @param environment values keyed by environment-variable name
     * @param properties values keyed by property name
     * @return the source
     */
    public static ConfigSource of(Map<String, String> environment, Map<String, String> properties) {
        return new ConfigSource(environment, properties);
    }

    /**
     * A copy of this source in which the given property values win over everything else, as
     * command-line flags should.
     *
     * @param flags values keyed by property name
     * @return the new source
     */
    public ConfigSource withOverrides(Map<String, String> flags) {
        Map<String, String> merged = new java.util.HashMap<>(overrides);
        merged.putAll(flags);
        Map<String, String> env = new java.util.HashMap<>(environment);
        flags.keySet().forEach(key -> env.remove(environmentName(key)));
        return new ConfigSource(env, merged);
    }

    /**
     * The environment-variable name of a property key: upper case, dots and dashes as underscores.
     *
     * @param key the property key
     * @return the environment-variable name
     */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * The raw value of a key, if set anywhere.
     *
     * @param key the property key
     * @return the value, or empty
     */
    public Optional<String> raw(String key) {
        Objects.requireNonNull(key, "key");
        String fromEnv = environment.get(environmentName(key));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.trim());
        }
        String fromProps = overrides.get(key);
        if (fromProps != null && !fromProps.isBlank()) {
            return Optional.of(fromProps.trim());
        }
        return Optional.empty();
    }

    /**
     * Every key set under a prefix, with the prefix removed: system properties {@code prefix.rest},
     * then the environment ({@code PREFIX_REST}, read back as {@code rest} in lower case with
     * underscores as dots), the environment winning as everywhere else.
     *
     * @param prefix e.g. {@code kafka.client.}
     * @return the keys without the prefix and their values
     */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new java.util.TreeMap<>();
        overrides.forEach(
                (key, value) -> {
                    if (key.startsWith(prefix)
                            && key.length() > prefix.length()
                            && !value.isBlank()) {
                        out.put(key.substring(prefix.length()), value.trim());
                    }
                });
        String envPrefix = environmentName(prefix);
        environment.forEach(
                (key, value) -> {
                    if (key.startsWith(envPrefix)
                            && key.length() > envPrefix.length()
                            && !value.isBlank()) {
                        String rest =
                                key.substring(envPrefix.length())
                                        .toLowerCase(Locale.ROOT)
                                        .replace('_', '.');
                        out.put(rest, value.trim());
                    }
                });
        return out;
    }

    /**
     * The names set under a prefix exactly as written: system-property names that start with {@code
     * prefix}, and environment-variable names that start with its {@link #environmentName} form.
     * For {@link UnknownKeys}.
     *
     * @param prefix e.g. {@code scorer.}
     * @return property names and environment names, sorted
     */
    public java.util.SortedSet<String> namesUnder(String prefix) {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        overrides.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(names::add);
        String envPrefix = environmentName(prefix);
        environment.keySet().stream().filter(k -> k.startsWith(envPrefix)).forEach(names::add);
        return names;
    }

    /**
     * A size in bytes: a whole number, optionally with a unit {@code KiB}, {@code MiB} or {@code
     * GiB} (powers of 1024; {@code KB}, {@code MB}, {@code GB} are read the same way), e.g. {@code
     * 64MiB}.
     *
     * @param key the property key
     * @param defaultValue used when the key is not set
     * @return the value in bytes
     */
    public long bytes(String key, long defaultValue) {
        return parsed(
                key, defaultValue, ConfigSource::parseBytes, "a size such as 67108864 or 64MiB");
    }

    private static long parseBytes(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace(" ", "");
        long unit = 1;
        for (String[] suffix :
                new String[][] {{"KIB", "KB", "K"}, {"MIB", "MB", "M"}, {"GIB", "GB", "G"}}) {
            unit *= 1024;
            for (String s : suffix) {
                if (t.endsWith(s)) {
                    return Math.multiplyExact(
                            Long.parseLong(t.substring(0, t.length() - s.length())), unit);
                }
            }
        }
        if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        return Long.parseLong(t);
    }

    /**
     * A string value.
     *
     * @param key the property key
     * @param defaultValue used when the key is not set
     * @return the value
     */
    public String string(String key, String defaultValue) {
        return raw(key).orElse(defaultValue);
    }

    /**
     * An integer value.
     *
     * @param key the property key
     * @param defaultValue used when the key is not set
     * @return the value
     */
    public int integer(String key, int defaultValue) {
        return parsed(key, defaultValue, Integer::parseInt, "an integer");
    }

    /**
     * A long value.
     *
     * @param key the property key
     * @param defaultValue used when the key is not set
     * @return the value
     */
    public long longValue(String key, long defaultValue) {
        return parsed(key, defaultValue, Long::parseLong, "an integer");
    }

    /**
     * A finite decimal value.
     *
     * @param key the property key
     * @param defaultValue used when the key is not set
     * @return the value
     */
    public double decimal(String key, double defaultValue) {
        return parsed(
                key,
                defaultValue,
                text -> {
                    double value = Double.parseDouble(text);
                    if (!Double.isFinite(value)) {
                        throw new IllegalArgumentException(text);
                    }
                    return value;
                },
                "a number");
    }

    /**
     * A boolean value: {@code true} or {@code false}, nothing else.
     *
     * @param key the property key
     * @param defaultValue used when the key is not set
     * @return the value
     */
    public boolean bool(String key, boolean defaultValue) {
        return parsed(
                key,
                defaultValue,
                text -> {
                    if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                        throw new IllegalArgumentException(text);
                    }
                    return Boolean.parseBoolean(text);
                },
                "true or false");
    }

    /**
     * A duration, written as ISO-8601 ({@code PT0.05S}) or as milliseconds ({@code 50}).
     *
     * @param key the property key
     * @param defaultValue used when the key is not set
     * @return the value
     */
    public Duration duration(String key, Duration defaultValue) {
        return parsed(
                key,
                defaultValue,
                text ->
                        text.chars().allMatch(Character::isDigit)
                                ? Duration.ofMillis(Long.parseLong(text))
                                : Duration.parse(text),
                "milliseconds or an ISO-8601 duration");
    }

    private <T> T parsed(String key, T defaultValue, Function<String, T> parser, String expected) {
        Optional<String> text = raw(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            return parser.apply(text.get());
        } catch (RuntimeException e) {
            throw new ConfigException(
                    "Configuration key '"
                            + key
                            + "' (env "
                            + environmentName(key)
                            + ") must be "
                            + expected
                            + ", got '"
                            + text.get()
                            + "'");
        }
    }
}
