package io.rewardloop.scorer;

import io.rewardloop.common.RewardLoopException;
import io.rewardloop.schemas.registry.SchemaRegistryUnavailableException;
import io.rewardloop.schemas.serde.DecodeFailure;
import io.rewardloop.schemas.serde.EventDecodingException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * A batch could not be scored for a cause outside its records (the Schema Registry unreachable, a
 * retriable Kafka error): the loop retries the whole batch later and never dead-letters a record
 * for it.
 */
public final class TransientScoringException extends RewardLoopException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the record
     * @param cause the transient failure
     */
    public TransientScoringException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether a failure says nothing about the record itself, so that retrying may succeed: the
     * Schema Registry could not be asked, or Kafka says the operation is retriable.
     *
     * @param failure what was thrown
     * @return true for a transient cause anywhere in the chain
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EventDecodingException decoding
                    && decoding.reason() == DecodeFailure.SCHEMA_REGISTRY_UNAVAILABLE) {
                return true;
            }
            if (t instanceof SchemaRegistryUnavailableException
                    || t instanceof RetriableException
                    || t instanceof TransientScoringException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
