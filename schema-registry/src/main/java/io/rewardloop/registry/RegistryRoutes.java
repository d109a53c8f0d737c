package io.rewardloop.registry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.rewardloop.service.http.BoundedBody;
import io.rewardloop.service.http.JsonContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Confluent's Schema Registry REST API, the documented subset, over a {@link SchemaRegistry}:
 * answers in {@code application/vnd.schemaregistry.v1+json}, refusals as {@code {"error_code": ...,
 * "message": ...}}. Request bodies are JSON objects in UTF-8, at most {@value #MAX_BODY_BYTES}
 * bytes, sent as one of {@link #REQUEST_TYPES}: else 415, 413 or 400 (duplicate keys and trailing
 * content included).
 */
final class RegistryRoutes {

    /** The content type of every answer. */
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    /** The largest request body: a schema of a few MB at most. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    /** The media types a request body may be sent as (Confluent's JSON ones). */
    static final List<String> REQUEST_TYPES =
            List.of(CONTENT_TYPE, "application/vnd.schemaregistry+json", "application/json");

    private static final ObjectMapper STRICT =
            new ObjectMapper()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String REFUSAL = "schema-registry.refusal";
    private static final String SUBJECT = "/subjects/{subject}";
    private static final String VERSION = SUBJECT + "/versions/{version}";

    private final SchemaRegistry registry;
    private static final ObjectMapper JSON = new ObjectMapper();

    RegistryRoutes(SchemaRegistry registry) {
        this.registry = registry;
    }

    /**
     * Declares every route.
     *
     * @param routes Javalin's routes
     */
    void declare(RoutesConfig routes) {
        routes.get("/", ctx -> send(ctx, JSON.createObjectNode()));
        routes.get("/subjects", ctx -> send(ctx, array(registry.subjects(deleted(ctx)))));
        routes.get(SUBJECT + "/versions", this::versions);
        routes.post(SUBJECT + "/versions", this::register);
        routes.post(SUBJECT, this::lookup);
        routes.delete(SUBJECT, ctx -> send(ctx, array(deleteSubject(ctx))));
        routes.get(VERSION, ctx -> send(ctx, version(version(ctx))));
        routes.get(VERSION + "/schema", ctx -> sendRaw(ctx, version(ctx).schema()));
        routes.delete(VERSION, this::deleteVersion);
        routes.get("/schemas/ids/{id}", ctx -> send(ctx, schemaOnly(registry.schema(id(ctx)))));
        routes.get("/schemas/ids/{id}/schema", ctx -> sendRaw(ctx, registry.schema(id(ctx))));
        routes.get("/schemas/ids/{id}/versions", this::versionsWithId);
        routes.get("/schemas/types", ctx -> send(ctx, array(List.of(SchemaRegistry.AVRO))));
        routes.post("/compatibility/subjects/{subject}/versions/{version}", this::compatibility);
        routes.get("/config", ctx -> send(ctx, level(registry.globalLevel())));
        routes.put("/config", ctx -> setLevel(ctx, null));
        routes.get("/config/{subject}", this::subjectLevel);
        routes.put("/config/{subject}", ctx -> setLevel(ctx, ctx.pathParam("subject")));
        routes.delete(
                "/config/{subject}",
                ctx -> send(ctx, level(registry.removeLevel(ctx.pathParam("subject")))));
        routes.exception(RegistryError.class, (e, ctx) -> refuse(ctx, e));
        // The service kit answers 404s as problem+json after the handlers; the refusal is
        // written again after that, so Confluent clients see their error codes.
        routes.after(
                ctx -> {
                    RegistryError refusal = ctx.attribute(REFUSAL);
                    if (refusal != null) {
                        write(ctx, refusal);
                    }
                });
    }

    private void versions(Context ctx) {
        List<Integer> numbers =
                registry.versions(ctx.pathParam("subject"), deleted(ctx)).stream()
                        .map(SchemaVersion::version)
                        .toList();
        send(ctx, array(numbers));
    }

    private void register(Context ctx) {
        JsonNode body = body(ctx);
        int id =
                registry.register(
                        ctx.pathParam("subject"),
                        body.path("schema").asText(null),
                        schemaType(body));
        send(ctx, JSON.createObjectNode().put("id", id));
    }

    private void lookup(Context ctx) {
        JsonNode body = body(ctx);
        SchemaVersion found =
                registry.lookup(
                        ctx.pathParam("subject"),
                        body.path("schema").asText(null),
                        schemaType(body),
                        deleted(ctx));
        send(ctx, version(found));
    }

    private List<Integer> deleteSubject(Context ctx) {
        refusePermanent(ctx);
        return registry.deleteSubject(ctx.pathParam("subject"));
    }

    private void deleteVersion(Context ctx) {
        refusePermanent(ctx);
        int number = registry.deleteVersion(ctx.pathParam("subject"), ctx.pathParam("version"));
        send(ctx, JSON.getNodeFactory().numberNode(number));
    }

    private void versionsWithId(Context ctx) {
        ArrayNode answer = JSON.createArrayNode();
        for (SchemaVersion each : registry.versionsWithId(id(ctx), deleted(ctx))) {
            answer.addObject().put("subject", each.subject()).put("version", each.version());
        }
        send(ctx, answer);
    }

    private void compatibility(Context ctx) {
        JsonNode body = body(ctx);
        List<String> problems =
                registry.compatibilityProblems(
                        ctx.pathParam("subject"),
                        ctx.pathParam("version"),
                        body.path("schema").asText(null),
                        schemaType(body));
        ObjectNode answer = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
        if ("true".equalsIgnoreCase(ctx.queryParam("verbose"))) {
            answer.set("messages", array(problems));
        }
        send(ctx, answer);
    }

    private void subjectLevel(Context ctx) {
        String subject = ctx.pathParam("subject");
        boolean fallBack = "true".equalsIgnoreCase(ctx.queryParam("defaultToGlobal"));
        CompatibilityLevel level =
                registry.subjectLevel(subject)
                        .or(() -> fallBack ? Optional.of(registry.globalLevel()) : Optional.empty())
                        .orElseThrow(() -> RegistryError.levelNotConfigured(subject));
        send(ctx, level(level));
    }

    private void setLevel(Context ctx, String subject) {
        CompatibilityLevel level =
                CompatibilityLevel.parse(body(ctx).path("compatibility").asText(null));
        registry.setLevel(subject, level);
        send(ctx, JSON.createObjectNode().put("compatibility", level.name()));
    }

    private SchemaVersion version(Context ctx) {
        return registry.version(ctx.pathParam("subject"), ctx.pathParam("version"), deleted(ctx));
    }

    private ObjectNode version(SchemaVersion version) {
        return JSON.createObjectNode()
                .put("subject", version.subject())
                .put("version", version.version())
                .put("id", version.id())
                .put("schema", version.schema());
    }

    private ObjectNode schemaOnly(String schema) {
        return JSON.createObjectNode().put("schema", schema);
    }

    private ObjectNode level(CompatibilityLevel level) {
        return JSON.createObjectNode().put("compatibilityLevel", level.name());
    }

    private ArrayNode array(List<?> items) {
        return JSON.valueToTree(items);
    }

    private JsonNode body(Context ctx) {
        JsonContentType.mismatch(ctx.header("Content-Type"), REQUEST_TYPES)
                .ifPresent(
                        why -> {
                            throw new RegistryError(415, 415, why);
                        });
        byte[] bytes =
                BoundedBody.read(
                        ctx,
                        MAX_BODY_BYTES,
                        () ->
                                new RegistryError(
                                        413,
                                        413,
                                        "The request body is over " + MAX_BODY_BYTES + " bytes"));
        try {
            JsonNode body = STRICT.readTree(bytes);
            if (body == null || !body.isObject()) {
                throw new RegistryError(400, 400, "The request body must be a JSON object");
            }
            if (body.path("references").size() > 0) {
                throw RegistryError.invalidSchema("schema references are not supported here");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new RegistryError(
                    400, 400, "The request body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the request body", e);
        }
    }

    private static String schemaType(JsonNode body) {
        return body.path("schemaType").asText(null);
    }

    private static boolean deleted(Context ctx) {
        return "true".equalsIgnoreCase(ctx.queryParam("deleted"));
    }

    private static int id(Context ctx) {
        String text = ctx.pathParam("id");
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw RegistryError.schemaNotFound("id " + text);
        }
    }

    private static void refusePermanent(Context ctx) {
        if ("true".equalsIgnoreCase(ctx.queryParam("permanent"))) {
            throw new RegistryError(
                    422,
                    422,
                    "Permanent deletes are not supported: soft-deleted versions keep their ids,"
                            + " so an id is never given to another schema");
        }
    }

    private void send(Context ctx, JsonNode body) {
        ctx.status(200).contentType(CONTENT_TYPE).result(body.toString());
    }

    private void sendRaw(Context ctx, String schemaJson) {
        ctx.status(200).contentType(CONTENT_TYPE).result(schemaJson);
    }

    private static void refuse(Context ctx, RegistryError error) {
        ctx.attribute(REFUSAL, error);
        write(ctx, error);
    }

    private static void write(Context ctx, RegistryError error) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error_code", error.errorCode()).put("message", error.getMessage());
        ctx.status(error.status()).contentType(CONTENT_TYPE).result(body.toString());
    }
}
