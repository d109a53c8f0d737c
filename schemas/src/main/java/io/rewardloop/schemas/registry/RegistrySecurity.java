package io.rewardloop.schemas.registry;

import io.rewardloop.common.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the registry client proves who it is and whom it trusts: HTTP basic auth ({@value
 * #BASIC_AUTH_USER_INFO} = {@code user:password}, or the user info of the registry URL) and TLS
 * trust and key stores for {@code https://} registries. The keys are those of Confluent's client;
 * the values are read from the serde settings. Secrets never appear in {@link #toString()}.
 *
 * @param userInfo {@code user:password} for basic auth, if any
 * @param sslContext the TLS context for {@code https://} registries; empty: the JVM's default
 * @param description what to print instead of the secrets
 */
public record RegistrySecurity(
        Optional<String> userInfo, Optional<SSLContext> sslContext, String description) {

    /** Basic-auth credentials, {@code user:password}. */
    public static final String BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";

    /** Where basic-auth credentials come from: {@code USER_INFO} (default) or {@code URL}. */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE =
            "schema.registry.basic.auth.credentials.source";

    /** Trust store holding the registry's certificate or its CA. */
    public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";

    /** The trust store's password. */
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";

    /** The trust store's type: {@code PKCS12} (default) or {@code JKS}. */
    public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";

    /** Key store with the client's certificate, for registries that require mutual TLS. */
    public static final String KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";

    /** The key store's password. */
    public static final String KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";

    /** The key store's type: {@code PKCS12} (default) or {@code JKS}. */
    public static final String KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";

    /** The private key's password, when it differs from the key store's. */
    public static final String KEY_PASSWORD = "schema.registry.ssl.key.password";

    /** No credentials, the JVM's default trust. */
    public static final RegistrySecurity NONE =
            new RegistrySecurity(Optional.empty(), Optional.empty(), "none");

    /**
     * Reads the security settings.
     *
     * @param configs the serde settings
     * @param urls the registry URLs (their user info is used when the credentials source is URL)
     * @return the settings
     * @throws ConfigException naming the key that is wrong (a store that cannot be read, ...)
     */
    public static RegistrySecurity from(Map<String, ?> configs, Iterable<URI> urls) {
        Optional<String> userInfo = userInfo(configs, urls);
        Optional<SSLContext> ssl = sslContext(configs);
        String description =
                "basic auth "
                        + userInfo.map(u -> "as " + u.substring(0, u.indexOf(':'))).orElse("off")
                        + ", "
                        + ssl.map(c -> "trust store " + text(configs, TRUSTSTORE_LOCATION))
                                .orElse("default trust");
        return new RegistrySecurity(userInfo, ssl, description);
    }

    /**
     * The {@code Authorization} header value for basic auth.
     *
     * @return {@code Basic base64(user:password)}, if credentials are set
     */
    public Optional<String> authorizationHeader() {
        return userInfo.map(
                u ->
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(u.getBytes(StandardCharsets.UTF_8)));
    }

    /** Names the user and the trust store, never a password. */
    @Override
    public String toString() {
        return "RegistrySecurity[" + description + "]";
    }

    /**
     * A URL without its user info, for messages and logs.
     *
     * @param url a registry URL
     * @return the URL with {@code user:password@} removed
     */
    public static String printable(URI url) {
        if (url.getRawUserInfo() == null) {
            return url.toString();
        }
        return url.toString().replace(url.getRawUserInfo() + "@", "");
    }

    private static Optional<String> userInfo(Map<String, ?> configs, Iterable<URI> urls) {
        String source = text(configs, BASIC_AUTH_CREDENTIALS_SOURCE);
        if (source == null || source.equalsIgnoreCase("USER_INFO")) {
            String info = text(configs, BASIC_AUTH_USER_INFO);
            if (info == null) {
                return Optional.empty();
            }
            if (info.indexOf(':') <= 0) {
                throw new ConfigException(
                        "Configuration key '" + BASIC_AUTH_USER_INFO + "' must be user:password");
            }
            return Optional.of(info);
        }
        if (source.equalsIgnoreCase("URL")) {
            for (URI url : urls) {
                String info = url.getUserInfo();
                if (info != null && info.indexOf(':') > 0) {
                    return Optional.of(info);
                }
            }
            throw new ConfigException(
                    "Configuration key '"
                            + BASIC_AUTH_CREDENTIALS_SOURCE
                            + "' is URL but no registry URL has user:password@");
        }
        throw new ConfigException(
                "Configuration key '"
                        + BASIC_AUTH_CREDENTIALS_SOURCE
                        + "' must be USER_INFO or URL, got '"
                        + source
                        + "'");
    }

    private static Optional<SSLContext> sslContext(Map<String, ?> configs) {
        String trustLocation = text(configs, TRUSTSTORE_LOCATION);
        String keyLocation = text(configs, KEYSTORE_LOCATION);
        if (trustLocation == null && keyLocation == null) {
            return Optional.empty();
        }
        try {
            TrustManagerFactory trust = null;
            if (trustLocation != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(
                        load(configs, TRUSTSTORE_LOCATION, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE));
            }
            KeyManagerFactory keys = null;
            if (keyLocation != null) {
                String keyPassword = text(configs, KEY_PASSWORD);
                if (keyPassword == null) {
                    keyPassword = text(configs, KEYSTORE_PASSWORD);
                }
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(
                        load(configs, KEYSTORE_LOCATION, KEYSTORE_PASSWORD, KEYSTORE_TYPE),
                        keyPassword == null ? null : keyPassword.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    keys == null ? null : keys.getKeyManagers(),
                    trust == null ? null : trust.getTrustManagers(),
                    null);
            return Optional.of(context);
        } catch (GeneralSecurityException e) {
            throw new ConfigException(
                    "Schema Registry TLS settings ("
                            + TRUSTSTORE_LOCATION
                            + ", "
                            + KEYSTORE_LOCATION
                            + ") are unusable: "
                            + e.getMessage());
        }
    }

    private static KeyStore load(
            Map<String, ?> configs, String locationKey, String passwordKey, String typeKey)
            throws GeneralSecurityException {
        Path location = Path.of(text(configs, locationKey));
        String password = text(configs, passwordKey);
        String type = Optional.ofNullable(text(configs, typeKey)).orElse("PKCS12");
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(location)) {
            store.load(in, password == null ? null : password.toCharArray());
        } catch (IOException e) {
            throw new ConfigException(
                    "Configuration key '"
                            + locationKey
                            + "': cannot read "
                            + type
                            + " store "
                            + location
                            + " (wrong password in '"
                            + passwordKey
                            + "'?): "
                            + e.getMessage());
        }
        return store;
    }

    private static String text(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (value == null) {
            return null;
        }
        // Kafka's Password type prints [hidden]; its value() is the secret.
        String text =
                value instanceof org.apache.kafka.common.config.types.Password password
                        ? password.value()
                        : value.toString();
        return text.isBlank() ? null : text.trim();
    }
}
