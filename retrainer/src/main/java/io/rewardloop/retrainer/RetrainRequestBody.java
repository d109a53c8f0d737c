package io.rewardloop.retrainer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.rewardloop.service.http.BoundedBody;
import io.rewardloop.service.http.JsonContentType;
import io.rewardloop.service.http.Problem;
import io.rewardloop.service.http.ProblemException;
import java.io.IOException;
import java.util.List;

/**
 * The body of {@code POST /v1/retrain}: none (or only whitespace), or {@code {"reason"?: string}}
 * as {@code application/json}, strict UTF-8, no duplicate keys, at most {@value #MAX_BODY_BYTES}
 * bytes. Anything else is a 4xx: 413 over the size, 415 for another content type, 400 for the rest.
 */
final class RetrainRequestBody {

    /** The largest body: a reason is a sentence, not a document. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final ObjectMapper STRICT =
            new ObjectMapper()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RetrainRequestBody() {}

    /**
     * The reason the request gives.
     *
     * @param ctx the request
     * @param fallback the reason when the body gives none
     * @return the reason
     * @throws ProblemException 413, 415 or 400
     */
    static String reason(Context ctx, String fallback) {
        byte[] body =
                BoundedBody.read(
                        ctx,
                        MAX_BODY_BYTES,
                        () ->
                                new ProblemException(
                                        Problem.of(
                                                413,
                                                "Content Too Large",
                                                "the body is over " + MAX_BODY_BYTES + " bytes")));
        if (isBlank(body)) {
            return fallback;
        }
        JsonContentType.require(ctx.header("Content-Type"));
        JsonNode parsed;
        try {
            parsed = STRICT.readTree(body);
        } catch (IOException e) {
            throw badRequest("", "malformed JSON: " + e.getMessage());
        }
        JsonNode given = parsed.get("reason");
        if (!parsed.isObject() || (given != null && !given.isTextual())) {
            throw badRequest("/reason", "must be a string in a JSON object");
        }
        return given == null ? fallback : given.asText();
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static ProblemException badRequest(String pointer, String detail) {
        return new ProblemException(
                Problem.badRequest(List.of(new Problem.FieldError(pointer, detail))));
    }
}
