package io.rewardloop.channel;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.common.UnknownKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the model channel publishes and follows: where large artifacts go, the size limits, and the
 * signing keys. Read from the environment, then system properties, then defaults; a key's value may
 * be {@code @PATH} to read it from a file (for secrets).
 *
 * @param artifactDir the artifact store: by-reference artifacts are written (publisher) and read
 *     (follower) only inside it; empty: no store
 * @param inlineMaxBytes artifacts up to this size travel inside the record
 * @param artifactMaxBytes the one size limit of an artifact, inline or by reference, for publishers
 *     and followers alike
 * @param httpTimeout connect and read timeout of http(s) artifact downloads
 * @param signing signing and verification keys
 */
public record ChannelConfig(
        Optional<Path> artifactDir,
        int inlineMaxBytes,
        long artifactMaxBytes,
        Duration httpTimeout,
        ModelSigning signing) {

    /** The artifact store directory (default: none). */
    public static final String ARTIFACT_DIR = "models.artifact.dir";

    /** Largest artifact that travels inline (default 4 MiB: every MiniLM model, not an 8B one). */
    public static final String INLINE_MAX_BYTES = "models.inline.max.bytes";

    /** Largest artifact at all (default 256 MiB). */
    public static final String ARTIFACT_MAX_BYTES = "models.artifact.max.bytes";

    /** Timeout of http(s) artifact downloads (default 30 s). */
    public static final String HTTP_TIMEOUT = "models.http.timeout";

    /** HMAC-SHA256 shared secret, at least 32 bytes (default: none). */
    public static final String SIGNING_HMAC_KEY = "models.signing.hmac.key";

    /** Ed25519 private key of publishers, PKCS#8 (PEM or base64 DER; default: none). */
    public static final String SIGNING_PRIVATE_KEY = "models.signing.private.key";

    /** Ed25519 public key of followers, X.509 (PEM or base64 DER; default: none). */
    public static final String SIGNING_PUBLIC_KEY = "models.signing.public.key";

    /** Default of {@value #INLINE_MAX_BYTES}. */
    public static final int DEFAULT_INLINE_MAX_BYTES = 4 * 1024 * 1024;

    /** Default of {@value #ARTIFACT_MAX_BYTES}. */
    public static final long DEFAULT_ARTIFACT_MAX_BYTES = 256L * 1024 * 1024;

    /** Validates. */
    public ChannelConfig {
        Objects.requireNonNull(artifactDir, ARTIFACT_DIR);
        Objects.requireNonNull(signing, "signing");
        long inlineCeiling = ChannelClients.MAX_RECORD_BYTES - 64 * 1024;
        if (inlineMaxBytes < 0 || inlineMaxBytes > inlineCeiling) {
            throw new ConfigException(
                    INLINE_MAX_BYTES
                            + " must be 0 to "
                            + inlineCeiling
                            + ", got "
                            + inlineMaxBytes);
        }
        if (artifactMaxBytes < 1) {
            throw new ConfigException(ARTIFACT_MAX_BYTES + " must be positive");
        }
        if (httpTimeout.isNegative() || httpTimeout.isZero()) {
            throw new ConfigException(HTTP_TIMEOUT + " must be positive");
        }
    }

    /**
     * The defaults: no store, no signing.
     *
     * @return the configuration
     */
    public static ChannelConfig defaults() {
        return new ChannelConfig(
                Optional.empty(),
                DEFAULT_INLINE_MAX_BYTES,
                DEFAULT_ARTIFACT_MAX_BYTES,
                Duration.ofSeconds(30),
                ModelSigning.none());
    }

    /**
     * Reads the configuration.
     *
     * @param source environment, system properties, flags
     * @return the validated configuration
     */
    public static ChannelConfig from(ConfigSource source) {
        UnknownKeys.require(
                source,
                "models.",
                List.of(
                        ARTIFACT_DIR,
                        INLINE_MAX_BYTES,
                        ARTIFACT_MAX_BYTES,
                        HTTP_TIMEOUT,
                        SIGNING_HMAC_KEY,
                        SIGNING_PRIVATE_KEY,
                        SIGNING_PUBLIC_KEY));
        return new ChannelConfig(
                source.raw(ARTIFACT_DIR).map(Path::of),
                source.integer(INLINE_MAX_BYTES, DEFAULT_INLINE_MAX_BYTES),
                source.longValue(ARTIFACT_MAX_BYTES, DEFAULT_ARTIFACT_MAX_BYTES),
                source.duration(HTTP_TIMEOUT, Duration.ofSeconds(30)),
                signing(source));
    }

    /**
     * A copy with another store directory.
     *
     * @param dir the store
     * @return the copy
     */
    public ChannelConfig withArtifactDir(Path dir) {
        return new ChannelConfig(
                Optional.of(dir), inlineMaxBytes, artifactMaxBytes, httpTimeout, signing);
    }

    /**
     * A copy with other signing keys.
     *
     * @param keys the keys
     * @return the copy
     */
    public ChannelConfig withSigning(ModelSigning keys) {
        return new ChannelConfig(artifactDir, inlineMaxBytes, artifactMaxBytes, httpTimeout, keys);
    }

    /**
     * A copy with another inline limit.
     *
     * @param bytes the limit
     * @return the copy
     */
    public ChannelConfig withInlineMaxBytes(int bytes) {
        return new ChannelConfig(artifactDir, bytes, artifactMaxBytes, httpTimeout, signing);
    }

    private static ModelSigning signing(ConfigSource source) {
        Optional<String> hmac = secret(source, SIGNING_HMAC_KEY);
        Optional<String> priv = secret(source, SIGNING_PRIVATE_KEY);
        Optional<String> pub = secret(source, SIGNING_PUBLIC_KEY);
        if (hmac.isPresent() && (priv.isPresent() || pub.isPresent())) {
            throw new ConfigException(
                    "set either "
                            + SIGNING_HMAC_KEY
                            + " or the Ed25519 keys ("
                            + SIGNING_PRIVATE_KEY
                            + ", "
                            + SIGNING_PUBLIC_KEY
                            + "), not both");
        }
        if (hmac.isPresent()) {
            return ModelSigning.hmac(hmac.get().getBytes(StandardCharsets.UTF_8));
        }
        if (priv.isPresent() || pub.isPresent()) {
            PrivateKey privateKey = priv.map(ModelSigning::privateKey).orElse(null);
            PublicKey publicKey = pub.map(ModelSigning::publicKey).orElse(null);
            return ModelSigning.ed25519(privateKey, publicKey);
        }
        return ModelSigning.none();
    }

    private static Optional<String> secret(ConfigSource source, String key) {
        return source.raw(key).map(value -> value.startsWith("@") ? read(key, value) : value);
    }

    private static String read(String key, String value) {
        Path file = Path.of(value.substring(1));
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigException(key + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Keys and secrets never printed. */
    @Override
    public String toString() {
        return "ChannelConfig[artifactDir="
                + artifactDir.map(Path::toString).orElse("(none)")
                + ", inlineMaxBytes="
                + inlineMaxBytes
                + ", artifactMaxBytes="
                + artifactMaxBytes
                + ", httpTimeout="
                + httpTimeout
                + ", signing="
                + (signing.signs() || signing.verifies() ? "on" : "off")
                + "]";
    }
}
