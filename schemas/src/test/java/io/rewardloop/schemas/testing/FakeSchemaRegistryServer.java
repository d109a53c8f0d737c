package io.rewardloop.schemas.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A Confluent-compatible Schema Registry in the test's own process, on a free loopback port. It
 * serves {@code POST /subjects/{s}/versions}, {@code GET /schemas/ids/{id}}, {@code GET
 * /subjects/{s}/versions/latest}, {@code POST /compatibility/subjects/{s}/versions/latest} and
 * {@code GET /subjects}, checks BACKWARD compatibility with Avro's {@code SchemaCompatibility},
 * gives an identical schema the same id, and answers errors as Confluent does ({@code
 * {"error_code": 40403, "message": ...}}). Every request is counted, so tests can assert caching.
 *
 * <pre>{@code
 * try (FakeSchemaRegistryServer registry = FakeSchemaRegistryServer.start()) {
 *     Serde<ResponseGenerated> serde = RESPONSES.valueSerde(registryMode(registry.url()));
 * }
 * }</pre>
 */
public final class FakeSchemaRegistryServer implements AutoCloseable {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)");
    private static final Pattern LATEST = Pattern.compile("/subjects/([^/]+)/versions/latest");
    private static final Pattern COMPATIBILITY =
            Pattern.compile("/compatibility/subjects/([^/]+)/versions/latest");

    private final HttpServer server;
    private final FakeRegistryState state = new FakeRegistryState();
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus;
    private volatile int failureCode;
    private final String requiredAuthorization;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private FakeSchemaRegistryServer(HttpServer server, String userInfo) {
        this.server = server;
        this.requiredAuthorization =
                userInfo == null
                        ? null
                        : "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts a registry on a free port of the loopback interface.
     *
     * @return the running registry; close it when done
     */
    public static FakeSchemaRegistryServer start() {
        try {
            InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            return new FakeSchemaRegistryServer(HttpServer.create(any, 0), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake Schema Registry", e);
        }
    }

    /**
     * Starts a registry that speaks HTTPS and requires HTTP basic auth, as a secured Confluent
     * registry does: a request without the right {@code Authorization} header gets {@code 401}.
     *
     * @param tls the server's TLS context (its key pair)
     * @param userInfo the accepted {@code user:password}
     * @return the running registry; close it when done
     */
    public static FakeSchemaRegistryServer startHttps(SSLContext tls, String userInfo) {
        try {
            InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            HttpsServer server = HttpsServer.create(any, 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return new FakeSchemaRegistryServer(server, userInfo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake Schema Registry", e);
        }
    }

    /**
     * The {@code Authorization} header of each request so far.
     *
     * @return a snapshot, oldest first ({@code ""} where none was sent)
     */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /**
     * The registry's base URL.
     *
     * @return e.g. {@code http://127.0.0.1:40123}
     */
    public String url() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * How many requests arrived so far.
     *
     * @return the count
     */
    public int requestCount() {
        return requests.size();
    }

    /**
     * The requests so far, e.g. {@code GET /schemas/ids/1}.
     *
     * @return a snapshot, oldest first
     */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /**
     * The {@code Content-Type} header of each request so far.
     *
     * @return a snapshot, oldest first ({@code ""} where none was sent)
     */
    public List<String> contentTypes() {
        return List.copyOf(contentTypes);
    }

    /**
     * The subjects that have at least one version.
     *
     * @return the subject names
     */
    public Set<String> subjects() {
        return state.subjects();
    }

    /**
     * Registers a schema without HTTP (not counted as a request), e.g. to set up a test.
     *
     * @param subject the subject
     * @param schema the schema
     * @return its id
     */
    public int register(String subject, Schema schema) {
        return state.register(subject, schema);
    }

    /**
     * Makes the next requests fail, e.g. with {@code 503 / 50001} as a registry in trouble does.
     *
     * @param count how many requests fail
     * @param httpStatus the status, e.g. 503
     * @param errorCode the {@code error_code} of the body, e.g. 50001
     */
    public void failNextRequests(int count, int httpStatus, int errorCode) {
        failureStatus = httpStatus;
        failureCode = errorCode;
        failuresLeft.set(count);
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            requests.add(method + " " + path);
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            contentTypes.add(type == null ? "" : type);
            byte[] body = exchange.getRequestBody().readAllBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "" : authorization);
            if (requiredAuthorization != null && !requiredAuthorization.equals(authorization)) {
                respondError(exchange, 401, 401, "Unauthorized");
                return;
            }
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                respondError(exchange, failureStatus, failureCode, "Injected failure");
                return;
            }
            respond(exchange, 200, route(method, path, body));
        } catch (FakeRegistryState.Refusal refusal) {
            respondError(exchange, refusal.status, refusal.errorCode, refusal.getMessage());
        } catch (IOException | RuntimeException e) {
            respondError(exchange, 500, 50001, String.valueOf(e));
        } finally {
            exchange.close();
        }
    }

    private JsonNode route(String method, String path, byte[] body) throws IOException {
        Matcher m;
        if (method.equals("POST") && (m = REGISTER.matcher(path)).matches()) {
            int id = state.register(subject(m), schema(body));
            return json.createObjectNode().put("id", id);
        }
        if (method.equals("GET") && (m = BY_ID.matcher(path)).matches()) {
            Schema schema = state.byId(Integer.parseInt(m.group(1)));
            return json.createObjectNode().put("schema", schema.toString());
        }
        if (method.equals("GET") && (m = LATEST.matcher(path)).matches()) {
            FakeRegistryState.Latest latest = state.latest(subject(m));
            return json.createObjectNode()
                    .put("subject", latest.subject())
                    .put("id", latest.id())
                    .put("version", latest.version())
                    .put("schema", latest.schema().toString());
        }
        if (method.equals("POST") && (m = COMPATIBILITY.matcher(path)).matches()) {
            boolean compatible = state.compatibleWithLatest(subject(m), schema(body));
            return json.createObjectNode().put("is_compatible", compatible);
        }
        if (method.equals("GET") && path.equals("/subjects")) {
            return json.valueToTree(state.subjects());
        }
        throw new FakeRegistryState.Refusal(404, 404, "HTTP 404 Not Found");
    }

    private static String subject(Matcher matcher) {
        return URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
    }

    private Schema schema(byte[] body) {
        try {
            JsonNode request = json.readTree(body);
            return new Schema.Parser().parse(request.path("schema").asText());
        } catch (IOException | SchemaParseException | NullPointerException e) {
            throw new FakeRegistryState.Refusal(422, 42201, "Invalid schema: " + e.getMessage());
        }
    }

    private void respondError(HttpExchange exchange, int status, int code, String message) {
        ObjectNode error = json.createObjectNode().put("error_code", code).put("message", message);
        respond(exchange, status, error);
    }

    private void respond(HttpExchange exchange, int status, JsonNode answer) {
        byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException clientGone) {
            // The client hung up (e.g. it timed out); there is nobody left to answer.
        }
    }
}
