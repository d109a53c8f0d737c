package io.rewardloop.schemas.serde;

import org.apache.avro.specific.SpecificRecord;

/** One framing of Avro records on a topic: header, then the Avro binary body. */
interface AvroCodec {

    byte[] encode(String topic, boolean isKey, SpecificRecord record);

    /** Decodes non-null bytes or throws {@link EventDecodingException} without a location. */
    Object decode(String topic, byte[] data);

    /**
     * Throws {@link DecodeFailure#TRUNCATED} when {@code data} is shorter than the header.
     *
     * @param framing the header's name in the message, e.g. {@code Confluent}
     */
    static void requireHeader(String topic, byte[] data, int headerLength, String framing) {
        if (data.length < headerLength) {
            throw new EventDecodingException(
                    topic,
                    DecodeFailure.TRUNCATED,
                    "truncated header: "
                            + data.length
                            + " bytes, the "
                            + framing
                            + " header needs "
                            + headerLength,
                    null);
        }
    }
}
