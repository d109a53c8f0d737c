package io.rewardloop.scorer.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.rewardloop.service.http.BoundedBody;
import io.rewardloop.service.http.JsonContentType;
import io.rewardloop.service.http.Problem;
import io.rewardloop.service.http.ProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Reads a scoring request's JSON body within the size limit: 415 unless {@code Content-Type} is
 * {@code application/json} (UTF-8); 413 when {@code Content-Length} says it is over (before
 * reading) or a chunked body grows over it (while reading); 400 with pointer {@code ""} for
 * malformed JSON, trailing content or duplicate keys. Reads the servlet stream itself, so the limit
 * is {@code scorer.http.max.body.bytes}, not Javalin's.
 */
final class RequestJson {

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RequestJson() {}

    /**
     * The body as a JSON tree.
     *
     * @param ctx the request
     * @param maxBytes the size limit
     * @return the tree
     * @throws ProblemException 415, 413 or 400
     */
    static JsonNode read(Context ctx, long maxBytes) {
        JsonContentType.require(ctx.header("Content-Type"));
        byte[] body = BoundedBody.read(ctx, maxBytes, () -> tooLarge(maxBytes));
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String detail = "malformed JSON: " + e.getOriginalMessage();
            throw new ProblemException(
                    new Problem(
                            "about:blank",
                            "Bad Request",
                            400,
                            detail,
                            List.of(new Problem.FieldError("", detail))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the request body", e);
        }
    }

    /**
     * The 413 answer.
     *
     * @param what what is over which limit
     * @return the exception
     */
    static ProblemException tooLarge(String what) {
        return new ProblemException(Problem.of(413, "Content Too Large", what));
    }

    private static ProblemException tooLarge(long maxBytes) {
        return tooLarge(
                "the body is over "
                        + maxBytes
                        + " bytes ("
                        + HttpScoringSettings.MAX_BODY_BYTES
                        + "): split the request");
    }
}
