package io.rewardloop.feedback;

import java.util.List;
import java.util.Objects;

/** What {@link FeedbackValidator#validate} says about one item: valid, or its errors. */
public sealed interface Validated permits Validated.Valid, Validated.Invalid {

    /**
     * A valid result.
     *
     * @param feedback the item
     * @return the result
     */
    static Validated valid(ValidFeedback feedback) {
        return new Valid(feedback);
    }

    /**
     * An invalid result.
     *
     * @param errors at least one error
     * @return the result
     */
    static Validated invalid(List<FieldError> errors) {
        return new Invalid(errors);
    }

    /**
     * Whether the item passed.
     *
     * @return true for {@link Valid}
     */
    default boolean isValid() {
        return this instanceof Valid;
    }

    /**
     * The item passed.
     *
     * @param feedback the valid item
     */
    record Valid(ValidFeedback feedback) implements Validated {
        /** Checks the item is present. */
        public Valid {
            Objects.requireNonNull(feedback, "feedback");
        }
    }

    /**
     * The item failed.
     *
     * @param errors every error found, each with its pointer; never empty
     */
    record Invalid(List<FieldError> errors) implements Validated {
        /** Copies the errors. */
        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid item has at least one error");
            }
        }

        /**
         * The errors joined for a log line or a dead-letter reason header.
         *
         * @return e.g. {@code /prompt: is missing; /chosen: is missing}
         */
        public String summary() {
            StringBuilder out = new StringBuilder();
            for (FieldError error : errors) {
                if (out.length() > 0) {
                    out.append("; ");
                }
                out.append(error.pointer().isEmpty() ? "(item)" : error.pointer())
                        .append(": ")
                        .append(error.message());
            }
            return out.toString();
        }
    }
}
