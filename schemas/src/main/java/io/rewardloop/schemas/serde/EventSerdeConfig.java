package io.rewardloop.schemas.serde;

import io.rewardloop.common.ConfigException;
import io.rewardloop.schemas.registry.CachingSchemaRegistryClient;
import io.rewardloop.schemas.registry.RegistrySecurity;
import io.rewardloop.schemas.registry.RestSchemaRegistryClient;
import io.rewardloop.schemas.registry.SchemaRegistryClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The serdes' settings, parsed from the map Kafka passes to {@code configure}.
 *
 * @param registryUrls Schema Registry URLs; empty in embedded mode
 * @param autoRegisterSchemas whether serializers register their schema (else they use the latest)
 * @param registryTimeout connect and request timeout for the registry
 * @param registrySecurity basic auth and TLS for the registry ({@link RegistrySecurity} keys)
 */
public record EventSerdeConfig(
        List<URI> registryUrls,
        boolean autoRegisterSchemas,
        Duration registryTimeout,
        RegistrySecurity registrySecurity) {

    /** {@code embedded}, or comma-separated {@code http(s)://host:port} registry URLs. Required. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

    /** The {@link #SCHEMA_REGISTRY_URL} value for embedded mode: no registry, single-object. */
    public static final String EMBEDDED = "embedded";

    /** Whether serializers register their schema under the subject (default {@code true}). */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

    /** Registry connect and request timeout in milliseconds (default 10000). */
    public static final String SCHEMA_REGISTRY_TIMEOUT_MS = "schema.registry.timeout.ms";

    /**
     * Copies the URL list.
     *
     * @param registryUrls Schema Registry URLs; empty in embedded mode
     * @param autoRegisterSchemas whether serializers register their schema
     * @param registryTimeout connect and request timeout for the registry
     */
    public EventSerdeConfig {
        registryUrls = List.copyOf(registryUrls);
    }

    /**
     * Settings without registry credentials.
     *
     * @param registryUrls Schema Registry URLs; empty in embedded mode
     * @param autoRegisterSchemas whether serializers register their schema
     * @param registryTimeout connect and request timeout for the registry
     */
    public EventSerdeConfig(
            List<URI> registryUrls, boolean autoRegisterSchemas, Duration registryTimeout) {
        this(registryUrls, autoRegisterSchemas, registryTimeout, RegistrySecurity.NONE);
    }

    /**
     * Settings for embedded mode, ready to pass to {@code configure} or {@code Topic.valueSerde}.
     *
     * @return {@code {schema.registry.url=embedded}}
     */
    public static Map<String, Object> embeddedMode() {
        return Map.of(SCHEMA_REGISTRY_URL, EMBEDDED);
    }

    /**
     * Settings for registry mode.
     *
     * @param urls e.g. {@code http://localhost:8081}
     * @return {@code {schema.registry.url=urls}}
     */
    public static Map<String, Object> registryMode(String urls) {
        return Map.of(SCHEMA_REGISTRY_URL, urls);
    }

    /**
     * Parses serde settings.
     *
     * @param configs what Kafka passes to {@code configure}
     * @return the settings
     * @throws ConfigException naming the key that is missing or invalid
     */
    public static EventSerdeConfig from(Map<String, ?> configs) {
        Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException(
                    "Configuration key '"
                            + SCHEMA_REGISTRY_URL
                            + "' is missing: set it to '"
                            + EMBEDDED
                            + "' (no registry) or to Schema Registry URLs, e.g."
                            + " http://localhost:8081");
        }
        List<URI> urls =
                url.toString().trim().equalsIgnoreCase(EMBEDDED)
                        ? List.of()
                        : parseUrls(url.toString());
        boolean autoRegister = autoRegisterFrom(configs);
        RegistrySecurity security =
                urls.isEmpty() ? RegistrySecurity.NONE : RegistrySecurity.from(configs, urls);
        return new EventSerdeConfig(urls, autoRegister, parseTimeout(configs), security);
    }

    /**
     * Whether no registry is used.
     *
     * @return true in embedded mode
     */
    public boolean embedded() {
        return registryUrls.isEmpty();
    }

    /**
     * A caching REST client for the configured registry.
     *
     * @return a new client
     */
    public SchemaRegistryClient newRegistryClient() {
        return new CachingSchemaRegistryClient(
                new RestSchemaRegistryClient(registryUrls, registryTimeout, registrySecurity));
    }

    private static List<URI> parseUrls(String text) {
        List<URI> urls = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            URI uri = toUri(part.trim(), text);
            urls.add(uri);
        }
        return urls;
    }

    private static URI toUri(String part, String whole) {
        try {
            URI uri = URI.create(part);
            String scheme = uri.getScheme();
            if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below with the key's name
        }
        throw new ConfigException(
                "Configuration key '"
                        + SCHEMA_REGISTRY_URL
                        + "' must be '"
                        + EMBEDDED
                        + "' or http(s)://host:port[,...], got '"
                        + whole
                        + "'");
    }

    static boolean autoRegisterFrom(Map<String, ?> configs) {
        Object value = configs.get(AUTO_REGISTER_SCHEMAS);
        if (value == null) {
            return true;
        }
        String text = value.toString().trim();
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new ConfigException(
                    "Configuration key '"
                            + AUTO_REGISTER_SCHEMAS
                            + "' must be true or false, got '"
                            + text
                            + "'");
        }
        return Boolean.parseBoolean(text);
    }

    private static Duration parseTimeout(Map<String, ?> configs) {
        Object value = configs.get(SCHEMA_REGISTRY_TIMEOUT_MS);
        if (value == null) {
            return RestSchemaRegistryClient.DEFAULT_TIMEOUT;
        }
        try {
            long millis = Long.parseLong(value.toString().trim());
            if (millis > 0) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // reported below with the key's name
        }
        throw new ConfigException(
                "Configuration key '"
                        + SCHEMA_REGISTRY_TIMEOUT_MS
                        + "' must be a positive number of milliseconds, got '"
                        + value
                        + "'");
    }
}
