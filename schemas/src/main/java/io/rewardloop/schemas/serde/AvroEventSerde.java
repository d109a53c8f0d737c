package io.rewardloop.schemas.serde;

import io.rewardloop.common.ConfigException;
import io.rewardloop.schemas.registry.CachingSchemaRegistryClient;
import io.rewardloop.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializer, deserializer and serde in one for an Avro-generated event class, configured by
 * {@value EventSerdeConfig#SCHEMA_REGISTRY_URL}: {@value EventSerdeConfig#EMBEDDED} for Avro's
 * single-object encoding against the schemas built into this module, or registry URLs for the
 * Confluent wire format (subjects {@code <topic>-value} / {@code <topic>-key}).
 *
 * <p>New instances are unconfigured, like Confluent's {@code KafkaAvroSerde}: Kafka configures
 * those it creates from class names; otherwise call {@link #configure(Map, boolean)}. Reads resolve
 * the writer's schema against the generated class, so records written before a schema evolved stay
 * readable. Null bytes and null events stay null (tombstones). Failures to decode are {@link
 * EventDecodingException}s. Thread-safe once configured.
 *
 * @param <T> the generated event class
 */
public class AvroEventSerde<T extends SpecificRecord>
        implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final Class<T> type;
    private final SchemaRegistryClient injectedClient;
    private volatile AvroCodec codec;
    private volatile AvroCodec singleObjectReader;
    private volatile boolean isKey;

    /**
     * For Kafka's {@code value.deserializer} class configs: decodes into whichever generated class
     * has the writer schema's full name.
     */
    public AvroEventSerde() {
        this(null, null);
    }

    /**
     * A serde for one event type.
     *
     * @param type the generated class, e.g. {@code ResponseGenerated.class}
     */
    public AvroEventSerde(Class<T> type) {
        this(type, null);
    }

    /**
     * A serde for one event type that talks to the registry through the given client, e.g. an
     * adapter over Confluent's {@code CachedSchemaRegistryClient} or a shared client. With it,
     * {@value EventSerdeConfig#SCHEMA_REGISTRY_URL} may be left out of the configuration.
     *
     * @param type the generated class, or null to pick it by the writer schema
     * @param client the registry client to use in registry mode, or null
     */
    public AvroEventSerde(Class<T> type, SchemaRegistryClient client) {
        this.type = type;
        this.injectedClient = client;
    }

    /**
     * Configures the serde.
     *
     * @param configs at least {@value EventSerdeConfig#SCHEMA_REGISTRY_URL}
     * @param key whether it serializes record keys (subject {@code <topic>-key})
     * @throws ConfigException naming the key that is missing or invalid
     */
    @Override
    public void configure(Map<String, ?> configs, boolean key) {
        this.isKey = key;
        this.codec = newCodec(configs);
        this.singleObjectReader = new EmbeddedCodec(SchemaHistory.standard(), new BodyCodec(type));
    }

    /**
     * Encodes an event.
     *
     * @param topic the topic it goes to (names the subject in registry mode)
     * @param data the event, or null for a tombstone
     * @return the bytes, or null
     * @throws EventEncodingException when the event cannot be encoded
     */
    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : codec().encode(topic, isKey, data);
    }

    /**
     * Decodes an event.
     *
     * @param topic the topic the bytes came from
     * @param data the bytes, or null for a tombstone
     * @return the event, or null
     * @throws EventDecodingException when the bytes cannot be decoded (partition and offset unknown
     *     here: decode through {@link RecordDecoder} to have them)
     */
    @Override
    @SuppressWarnings("unchecked") // BodyCodec reads into T's class, or any class when T is open
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        // Avro single-object encoding is read in either mode: its header cannot be mistaken for
        // the Confluent one, and its writer schema travels by fingerprint, so a client that wrote
        // without the registry (say, a command given only --bootstrap-servers) is still understood.
        AvroCodec configured = codec();
        AvroCodec reader = EmbeddedCodec.isSingleObject(data) ? singleObjectReader : configured;
        Object value = reader.decode(topic, data);
        return type != null ? type.cast(value) : (T) value;
    }

    /**
     * This instance, as the serializer half.
     *
     * @return this
     */
    @Override
    public Serializer<T> serializer() {
        return this;
    }

    /**
     * This instance, as the deserializer half.
     *
     * @return this
     */
    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    /** Nothing to release: the registry client holds no open connection between requests. */
    @Override
    public void close() {
        // The HTTP client's pooled connections close when idle.
    }

    private AvroCodec codec() {
        AvroCodec current = codec;
        if (current == null) {
            throw new ConfigException(
                    "AvroEventSerde"
                            + (type == null ? "" : " for " + type.getSimpleName())
                            + " is not configured: call configure(config, isKey) with '"
                            + EventSerdeConfig.SCHEMA_REGISTRY_URL
                            + "' first");
        }
        return current;
    }

    private AvroCodec newCodec(Map<String, ?> configs) {
        BodyCodec body = new BodyCodec(type);
        if (injectedClient != null && configs.get(EventSerdeConfig.SCHEMA_REGISTRY_URL) == null) {
            return new RegistryCodec(
                    cached(injectedClient), EventSerdeConfig.autoRegisterFrom(configs), body);
        }
        EventSerdeConfig config = EventSerdeConfig.from(configs);
        if (config.embedded()) {
            return new EmbeddedCodec(SchemaHistory.standard(), body);
        }
        SchemaRegistryClient client =
                injectedClient != null ? cached(injectedClient) : config.newRegistryClient();
        return new RegistryCodec(client, config.autoRegisterSchemas(), body);
    }

    private static SchemaRegistryClient cached(SchemaRegistryClient client) {
        return client instanceof CachingSchemaRegistryClient
                ? client
                : new CachingSchemaRegistryClient(client);
    }
}
