package io.rewardloop.service.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code Content-Type} rule of every JSON endpoint: {@code application/json} (or the media
 * types an API names), with a charset parameter (when given) of UTF-8. Anything else, or none, is a
 * 415.
 */
public final class JsonContentType {

    private JsonContentType() {}

    /**
     * Why a request's content type is not JSON in UTF-8.
     *
     * @param contentType the {@code Content-Type} header, or null
     * @return the reason, or empty when the type is accepted
     */
    public static Optional<String> mismatch(String contentType) {
        return mismatch(contentType, List.of("application/json"));
    }

    /**
     * Why a request's content type is not one of these media types in UTF-8.
     *
     * @param contentType the {@code Content-Type} header, or null
     * @param mediaTypes the accepted media types, lower case, the preferred one first
     * @return the reason, or empty when the type is accepted
     */
    public static Optional<String> mismatch(String contentType, List<String> mediaTypes) {
        String expected = String.join(" or ", mediaTypes);
        if (contentType == null) {
            return Optional.of("no Content-Type: send " + mediaTypes.get(0));
        }
        String[] parts = contentType.split(";");
        String given = parts[0].trim();
        if (!mediaTypes.contains(given.toLowerCase(Locale.ROOT))) {
            return Optional.of("Content-Type " + given + " is not " + expected);
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim().toLowerCase(Locale.ROOT);
            if (param.startsWith("charset=")) {
                String charset = param.substring("charset=".length()).replace("\"", "");
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    return Optional.of("charset " + charset + " is not supported: send UTF-8");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Refuses a request whose content type is not JSON in UTF-8.
     *
     * @param contentType the {@code Content-Type} header, or null
     * @throws ProblemException 415 with the reason
     */
    public static void require(String contentType) {
        mismatch(contentType)
                .ifPresent(
                        why -> {
                            throw new ProblemException(
                                    Problem.of(415, "Unsupported Media Type", why));
                        });
    }
}
