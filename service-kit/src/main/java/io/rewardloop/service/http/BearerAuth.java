package io.rewardloop.service.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks {@code Authorization: Bearer <token>} against the configured tokens in constant time: the
 * presented token and each accepted one are hashed (SHA-256) and compared with {@link
 * MessageDigest#isEqual}, and every accepted token is compared, so neither the time taken nor an
 * early exit tells a caller how much of a token it guessed or how long the tokens are.
 */
public final class BearerAuth {

    private static final String PREFIX = "Bearer ";

    private final List<byte[]> digests;

    /**
     * Creates the check.
     *
     * @param tokens the accepted tokens; empty accepts every request
     */
    public BearerAuth(List<String> tokens) {
        List<byte[]> out = new ArrayList<>();
        for (String token : tokens) {
            out.add(sha256(token));
        }
        this.digests = List.copyOf(out);
    }

    /**
     * Whether tokens are required at all.
     *
     * @return true when at least one token is configured
     */
    public boolean enabled() {
        return !digests.isEmpty();
    }

    /**
     * Whether a request may pass.
     *
     * @param authorization the request's {@code Authorization} header, or null
     * @return true when auth is off, or the header carries an accepted token
     */
    public boolean allows(String authorization) {
        if (digests.isEmpty()) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, 7)) {
            return false;
        }
        byte[] presented = sha256(authorization.substring(PREFIX.length()).trim());
        boolean match = false;
        for (byte[] accepted : digests) {
            match |= MessageDigest.isEqual(accepted, presented);
        }
        return match;
    }

    /**
     * The SHA-256 digest of a token, the form in which tokens are kept and compared (in constant
     * time, with {@link MessageDigest#isEqual}).
     *
     * @param token a bearer token
     * @return its digest
     */
    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
