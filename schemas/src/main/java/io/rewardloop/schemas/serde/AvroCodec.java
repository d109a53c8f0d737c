package io.rewardloop.schemas.serde;

import org.apache.avro.specific.SpecificRecord;

/** One framing of Avro records on a topic: header, then the Avro binary body. */
interface AvroCodec {

    byte[] encode(String topic, boolean isKey, SpecificRecord record);

    /** Decodes non-null bytes or throws {@link EventDecodingException} without a location. */
    Object decode(String topic, byte[] data);
}
