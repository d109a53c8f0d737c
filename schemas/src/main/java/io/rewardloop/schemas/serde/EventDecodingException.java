package io.rewardloop.schemas.serde;

import io.rewardloop.common.RewardLoopException;
import java.util.Objects;

/**
 * A record's bytes could not be decoded. The message names the topic, partition and offset (when
 * known) and the reason in words, e.g. {@code rlhf.responses-2@17: unknown magic byte 0x7f
 * (expected 0x00, Confluent wire format)}. A Kafka deserializer does not know the partition and
 * offset: {@link RecordDecoder} fills them in.
 */
public class EventDecodingException extends RewardLoopException {

    private static final long serialVersionUID = 1L;

    /** Partition or offset not known (yet). */
    public static final int UNKNOWN = -1;

    private final String topic;
    private final int partition;
    private final long offset;
    private final DecodeFailure reason;
    private final String detail;

    /**
     * Creates the exception.
     *
     * @param topic the topic the bytes came from
     * @param partition the partition, or {@link #UNKNOWN}
     * @param offset the offset, or {@link #UNKNOWN}
     * @param reason the kind of failure
     * @param detail what is wrong, in words
     * @param cause the underlying failure, or null
     */
    public EventDecodingException(
            String topic,
            int partition,
            long offset,
            DecodeFailure reason,
            String detail,
            Throwable cause) {
        super(location(topic, partition, offset) + ": " + detail, cause);
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.detail = detail;
    }

    /**
     * Creates the exception for bytes whose partition and offset are not known.
     *
     * @param topic the topic the bytes came from
     * @param reason the kind of failure
     * @param detail what is wrong, in words
     * @param cause the underlying failure, or null
     */
    public EventDecodingException(
            String topic, DecodeFailure reason, String detail, Throwable cause) {
        this(topic, UNKNOWN, UNKNOWN, reason, detail, cause);
    }

    /**
     * The same failure, located at a partition and offset.
     *
     * @param atPartition the record's partition
     * @param atOffset the record's offset
     * @return a new exception with the same reason, detail, cause and stack trace
     */
    public EventDecodingException at(int atPartition, long atOffset) {
        EventDecodingException located =
                new EventDecodingException(
                        topic, atPartition, atOffset, reason, detail, getCause());
        located.setStackTrace(getStackTrace());
        return located;
    }

    /**
     * The topic the bytes came from.
     *
     * @return the topic name
     */
    public String topic() {
        return topic;
    }

    /**
     * The partition of the record.
     *
     * @return the partition, or {@link #UNKNOWN}
     */
    public int partition() {
        return partition;
    }

    /**
     * The offset of the record.
     *
     * @return the offset, or {@link #UNKNOWN}
     */
    public long offset() {
        return offset;
    }

    /**
     * The kind of failure, for routing (e.g. retry on {@link
     * DecodeFailure#SCHEMA_REGISTRY_UNAVAILABLE}, dead-letter the rest).
     *
     * @return the reason
     */
    public DecodeFailure reason() {
        return reason;
    }

    /**
     * What is wrong, in words, without the location.
     *
     * @return the detail
     */
    public String detail() {
        return detail;
    }

    private static String location(String topic, int partition, long offset) {
        if (partition == UNKNOWN && offset == UNKNOWN) {
            return topic + " (partition and offset unknown)";
        }
        return topic + "-" + partition + "@" + offset;
    }
}
