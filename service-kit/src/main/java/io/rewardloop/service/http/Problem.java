package io.rewardloop.service.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An error answer in the {@code application/problem+json} format of RFC 9457. Throw it as a {@link
 * ProblemException} from a handler, or send it with {@link HttpService#respond}.
 *
 * @param type a URI naming the kind of problem ({@code about:blank} when the status says it all)
 * @param title a short summary of the kind of problem
 * @param status the HTTP status
 * @param detail what went wrong this time
 * @param errors one entry per bad field of the request, each with a JSON pointer
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type, String title, int status, String detail, List<FieldError> errors) {

    /** The media type of problem answers. */
    public static final String CONTENT_TYPE = "application/problem+json";

    /**
     * One bad field of a request.
     *
     * @param pointer a JSON pointer (RFC 6901) to the field, e.g. {@code /ratings/helpfulness}
     * @param detail what is wrong with it
     */
    public record FieldError(String pointer, String detail) {}

    /** Copies the field errors. */
    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * A problem that only its status, title and detail describe.
     *
     * @param status the HTTP status
     * @param title e.g. {@code Unauthorized}
     * @param detail what went wrong
     * @return the problem
     */
    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, List.of());
    }

    /**
     * A {@code 400 Bad Request} naming each bad field.
     *
     * @param errors the bad fields
     * @return the problem
     */
    public static Problem badRequest(List<FieldError> errors) {
        return new Problem(
                "about:blank", "Bad Request", 400, errors.size() + " invalid field(s)", errors);
    }
}
