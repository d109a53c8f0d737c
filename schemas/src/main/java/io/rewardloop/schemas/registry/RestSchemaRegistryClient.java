package io.rewardloop.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A {@link SchemaRegistryClient} speaking the Confluent Schema Registry REST API over {@link
 * java.net.http.HttpClient}. It caches nothing: wrap it in a {@link CachingSchemaRegistryClient}.
 * Several base URLs may be given; one that does not answer is skipped for the next.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    /** The content type of the registry's API, sent with every request. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    /** Connect and request timeout used when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final RegistryHttp http;

    /**
     * Creates a client with the {@link #DEFAULT_TIMEOUT}.
     *
     * @param baseUrls registry URLs, e.g. {@code http://localhost:8081}, tried in order
     */
    public RestSchemaRegistryClient(List<URI> baseUrls) {
        this(baseUrls, DEFAULT_TIMEOUT);
    }

    /**
     * Creates a client.
     *
     * @param baseUrls registry URLs, e.g. {@code http://localhost:8081}, tried in order
     * @param timeout connect and request timeout per URL
     */
    public RestSchemaRegistryClient(List<URI> baseUrls, Duration timeout) {
        this(baseUrls, timeout, RegistrySecurity.NONE);
    }

    /**
     * Creates a client that authenticates and trusts as configured.
     *
     * @param baseUrls registry URLs, e.g. {@code https://registry:8081}, tried in order
     * @param timeout connect and request timeout per URL
     * @param security basic-auth credentials and TLS stores
     */
    public RestSchemaRegistryClient(
            List<URI> baseUrls, Duration timeout, RegistrySecurity security) {
        this.http = new RegistryHttp(baseUrls, timeout, security);
    }

    @Override
    public int register(String subject, Schema schema) {
        JsonNode answer = http.post("/subjects/" + encode(subject) + "/versions", body(schema));
        return requiredInt(answer, "id", subject);
    }

    @Override
    public Schema schemaById(int id) {
        JsonNode answer = http.get("/schemas/ids/" + id);
        return parse(answer, "schema id " + id);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        JsonNode answer = http.get("/subjects/" + encode(subject) + "/versions/latest");
        return new RegisteredSchema(
                answer.path("subject").asText(subject),
                requiredInt(answer, "id", subject),
                requiredInt(answer, "version", subject),
                parse(answer, "latest version of " + subject));
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        JsonNode answer =
                http.post(
                        "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                        body(schema));
        return answer.path("is_compatible").asBoolean(false);
    }

    private ObjectNode body(Schema schema) {
        return http.json().createObjectNode().put("schema", schema.toString());
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int requiredInt(JsonNode answer, String field, String context) {
        if (!answer.path(field).canConvertToInt()) {
            throw new SchemaRegistryException(
                    "Schema Registry answer for " + context + " has no '" + field + "': " + answer,
                    200,
                    SchemaRegistryException.NO_RESPONSE,
                    null);
        }
        return answer.get(field).asInt();
    }

    private static Schema parse(JsonNode answer, String context) {
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new InvalidSchemaException(
                    context + " is a " + type + " schema, not Avro",
                    200,
                    RegistryErrors.INVALID_SCHEMA,
                    null);
        }
        try {
            return new Schema.Parser().parse(answer.path("schema").asText());
        } catch (SchemaParseException e) {
            throw new InvalidSchemaException(
                    context + " is not a valid Avro schema: " + e.getMessage(),
                    200,
                    RegistryErrors.INVALID_SCHEMA,
                    e);
        }
    }
}
