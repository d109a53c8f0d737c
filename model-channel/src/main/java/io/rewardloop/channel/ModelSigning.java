package io.rewardloop.channel;

import io.rewardloop.common.ConfigException;
import io.rewardloop.events.ModelPublished;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies {@code ModelPublished} records. Off unless a key is configured; then the
 * publisher signs every record and followers refuse records that are unsigned or wrongly signed.
 * The sha256 in a record only guards against corruption: whoever can write to {@code rlhf.models}
 * can put any artifact there with its matching sha256, but cannot sign it without the key.
 *
 * <p>The signature covers a canonical text of the lineage, version, backbone id, sha256, size,
 * trigger, creation time and rollback flag (one field a line, see {@link #canonical}), so neither
 * the artifact nor the record's meaning can be changed, nor the record moved to another lineage.
 * Two schemes: HMAC-SHA256 with a shared secret (every publisher and follower holds it), or Ed25519
 * (publishers hold the private key, followers only the public key, so a follower host cannot
 * forge).
 */
public final class ModelSigning {

    private static final String HMAC = "hmac-sha256:";
    private static final String ED25519 = "ed25519:";
    private static final int MIN_HMAC_KEY_BYTES = 32;

    private final byte[] hmacKey;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private ModelSigning(byte[] hmacKey, PrivateKey privateKey, PublicKey publicKey) {
        this.hmacKey = hmacKey;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /**
     * No signing: records are neither signed nor checked.
     *
     * @return the instance
     */
    public static ModelSigning none() {
        return new ModelSigning(null, null, null);
    }

    /**
     * HMAC-SHA256 with a shared secret.
     *
     * @param key at least 32 bytes
     * @return signing and verification
     */
    public static ModelSigning hmac(byte[] key) {
        if (key.length < MIN_HMAC_KEY_BYTES) {
            throw new ConfigException(
                    ChannelConfig.SIGNING_HMAC_KEY
                            + " must be at least "
                            + MIN_HMAC_KEY_BYTES
                            + " bytes, got "
                            + key.length);
        }
        return new ModelSigning(key.clone(), null, null);
    }

    /**
     * Ed25519: a publisher needs the private key, a follower the public key.
     *
     * @param privateKey signs (may be null on followers)
     * @param publicKey verifies (may be null on publishers; then nothing is verified)
     * @return the instance
     */
    public static ModelSigning ed25519(PrivateKey privateKey, PublicKey publicKey) {
        return new ModelSigning(null, privateKey, publicKey);
    }

    /**
     * Reads an Ed25519 private key: base64 of its PKCS#8 DER encoding, with or without PEM armour.
     *
     * @param text the encoded key
     * @return the key
     */
    public static PrivateKey privateKey(String text) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(der(text)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException(
                    ChannelConfig.SIGNING_PRIVATE_KEY + " is not an Ed25519 PKCS#8 key: " + e);
        }
    }

    /**
     * Reads an Ed25519 public key: base64 of its X.509 DER encoding, with or without PEM armour.
     *
     * @param text the encoded key
     * @return the key
     */
    public static PublicKey publicKey(String text) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(der(text)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException(
                    ChannelConfig.SIGNING_PUBLIC_KEY + " is not an Ed25519 X.509 key: " + e);
        }
    }

    /**
     * Whether followers check signatures.
     *
     * @return true when a verification key is configured
     */
    public boolean verifies() {
        return hmacKey != null || publicKey != null;
    }

    /**
     * Whether publishers sign.
     *
     * @return true when a signing key is configured
     */
    public boolean signs() {
        return hmacKey != null || privateKey != null;
    }

    /**
     * The signature of a record, when a signing key is configured.
     *
     * @param lineage the lineage it is published under
     * @param record the record (its signature field is ignored)
     * @return {@code scheme:base64}, empty without a signing key
     */
    public Optional<String> sign(String lineage, ModelPublished record) {
        byte[] text = canonical(lineage, record);
        try {
            if (hmacKey != null) {
                return Optional.of(HMAC + base64(mac(text)));
            }
            if (privateKey != null) {
                Signature signer = Signature.getInstance("Ed25519");
                signer.initSign(privateKey);
                signer.update(text);
                return Optional.of(ED25519 + base64(signer.sign()));
            }
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
        }
    }

    /**
     * Checks a record's signature, when verification is on.
     *
     * @param lineage the lineage the record was read under
     * @param record the record
     * @return empty when it is acceptable, else why not
     */
    public Optional<String> problem(String lineage, ModelPublished record) {
        if (!verifies()) {
            return Optional.empty();
        }
        String signature = record.getSignature();
        if (signature == null) {
            return Optional.of("unsigned, and signing is on");
        }
        byte[] text = canonical(lineage, record);
        try {
            if (hmacKey != null && signature.startsWith(HMAC)) {
                byte[] given = Base64.getDecoder().decode(signature.substring(HMAC.length()));
                return MessageDigest.isEqual(mac(text), given)
                        ? Optional.empty()
                        : Optional.of("HMAC-SHA256 signature does not match");
            }
            if (publicKey != null && signature.startsWith(ED25519)) {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(publicKey);
                verifier.update(text);
                byte[] given = Base64.getDecoder().decode(signature.substring(ED25519.length()));
                return verifier.verify(given)
                        ? Optional.empty()
                        : Optional.of("Ed25519 signature does not verify");
            }
            return Optional.of("signature is not of the configured scheme");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.of("malformed signature: " + e.getMessage());
        }
    }

    /**
     * The signed text: a version tag, then one field a line.
     *
     * @param lineage the lineage
     * @param r the record
     * @return UTF-8 bytes
     */
    static byte[] canonical(String lineage, ModelPublished r) {
        String text =
                String.join(
                        "\n",
                        "rlhf-model-signature-v1",
                        lineage,
                        r.getVersion(),
                        r.getBackboneId(),
                        r.getSha256().toLowerCase(java.util.Locale.ROOT),
                        Long.toString(r.getSizeBytes()),
                        r.getTrigger().name(),
                        Long.toString(r.getCreatedAt().toEpochMilli()),
                        Boolean.toString(r.getRollback()));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] mac(byte[] text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
        return mac.doFinal(text);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] der(String text) {
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
