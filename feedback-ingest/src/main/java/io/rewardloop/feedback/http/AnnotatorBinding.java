package io.rewardloop.feedback.http;

import io.rewardloop.service.http.BearerAuth;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which annotator a bearer token may post as. A bound token may only post items whose {@code
 * annotatorId} is its annotator; an unbound token (or no auth) may post as anyone. Tokens are kept
 * as SHA-256 digests and every binding is compared in constant time, as {@link
 * io.rewardloop.service.http.BearerAuth} does.
 */
final class AnnotatorBinding {

    private static final String PREFIX = "Bearer ";

    private record Bound(byte[] digest, String annotatorId) {}

    private final List<Bound> bindings;

    AnnotatorBinding(Map<String, String> tokenToAnnotator) {
        List<Bound> out = new ArrayList<>();
        tokenToAnnotator.forEach(
                (token, annotator) -> out.add(new Bound(BearerAuth.sha256(token), annotator)));
        this.bindings = List.copyOf(out);
    }

    /**
     * The annotator the request's token is bound to.
     *
     * @param authorization the {@code Authorization} header, or null
     * @return the annotator id, or empty when the token is unbound (or absent)
     */
    Optional<String> annotatorFor(String authorization) {
        if (bindings.isEmpty()
                || authorization == null
                || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        byte[] presented = BearerAuth.sha256(authorization.substring(PREFIX.length()).trim());
        String match = null;
        for (Bound bound : bindings) {
            if (MessageDigest.isEqual(bound.digest(), presented)) {
                match = bound.annotatorId();
            }
        }
        return Optional.ofNullable(match);
    }
}
