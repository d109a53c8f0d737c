package io.rewardloop.feedback.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.rewardloop.feedback.FeedbackJson;
import io.rewardloop.feedback.MalformedJsonException;
import io.rewardloop.service.http.BoundedBody;
import io.rewardloop.service.http.JsonContentType;
import io.rewardloop.service.http.Problem;
import java.util.List;

/**
 * Reads a request body as the API requires: {@code Content-Type: application/json} (charset, when
 * given, UTF-8) else 415; at most the size limit else 413 (checked on {@code Content-Length} before
 * reading, and while reading for chunked bodies); strict UTF-8 JSON else 400 with pointer {@code
 * ""}. Reads the servlet stream itself so that the limit is the service's, not Javalin's.
 */
final class RequestBody {

    private RequestBody() {}

    /**
     * The parsed body.
     *
     * @throws RejectedRequest with 415, 413 or 400, and {@link RejectedRequest#reason} set
     */
    static JsonNode read(Context ctx, long maxBytes) {
        checkContentType(ctx.header("Content-Type"));
        byte[] bytes = BoundedBody.read(ctx, maxBytes, () -> tooLarge(maxBytes));
        try {
            return FeedbackJson.parse(bytes);
        } catch (MalformedJsonException e) {
            throw new RejectedRequest(
                    "malformed",
                    new Problem(
                            "about:blank",
                            "Bad Request",
                            400,
                            e.getMessage(),
                            List.of(new Problem.FieldError("", e.getMessage()))));
        }
    }

    static void checkContentType(String contentType) {
        JsonContentType.mismatch(contentType)
                .ifPresent(
                        why -> {
                            throw unsupported(why);
                        });
    }

    private static RejectedRequest tooLarge(long maxBytes) {
        return new RejectedRequest(
                "too_large",
                Problem.of(
                        413,
                        "Content Too Large",
                        "the body is over the limit of "
                                + maxBytes
                                + " bytes"
                                + " (feedback.http.max.body.bytes): split the batch"));
    }

    private static RejectedRequest unsupported(String detail) {
        return new RejectedRequest(
                "unsupported_media_type", Problem.of(415, "Unsupported Media Type", detail));
    }

    /** A request refused as a whole, with the metrics reason. */
    static final class RejectedRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** The {@code reason} tag of {@code rlhf_feedback_rejected_total}. */
        final String reason;

        /** The answer. */
        final transient Problem problem;

        RejectedRequest(String reason, Problem problem) {
            super(problem.detail(), null, false, false);
            this.reason = reason;
            this.problem = problem;
        }
    }
}
