package io.rewardloop.service.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded malformed JSON bodies built around one valid body: random bytes, invalid UTF-8, deeply
 * nested arrays and objects ({@value #DEPTH} levels), huge numbers, NaN and Infinity, duplicate
 * keys, nulls and wrong types where a required field belongs, missing fields, a top level that is
 * not an object, empty and truncated bodies, the valid body under a wrong or no content type, huge
 * strings in a field whose length is bounded, and bodies over the endpoint's size limit (with an
 * unknown field holding the padding). None of them is a request the endpoint may accept.
 */
public final class HostileJson {

    /** Nesting depth of the deep bodies. */
    public static final int DEPTH = 100_000;

    /** Characters of a huge string over HTTP. */
    public static final int HUGE_STRING_CHARS = 2 * 1024 * 1024;

    /** Bytes of a huge string or padded body on Kafka: under the broker's 1 MiB message limit. */
    public static final int HUGE_RECORD_BYTES = 900_000;

    /** One input in this many is a huge string or an oversized body. */
    private static final int HUGE_EVERY = 25;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] WRONG_CONTENT_TYPES = {
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        null,
        "application/json; charset=latin1",
        "multipart/form-data; boundary=x"
    };
    private static final String[] NON_NUMBERS = {"NaN", "Infinity", "-Infinity", "+NaN"};
    private static final String[] WRONG_TOP_LEVELS = {"null", "[]", "\"text\"", "42", "true"};

    private final Random random;
    private final ObjectNode template;
    private final List<String> required;
    private final String boundedField;
    private final int oversizeBytes;

    /**
     * A generator for one endpoint.
     *
     * @param seed the random seed: the same seed gives the same inputs
     * @param template a body the endpoint accepts
     * @param required top-level fields of the template that a valid body cannot go without, nor
     *     have with another type
     * @param boundedField a top-level text field whose length the endpoint bounds
     * @param oversizeBytes a body size over the endpoint's limit
     */
    public HostileJson(
            long seed,
            ObjectNode template,
            List<String> required,
            String boundedField,
            int oversizeBytes) {
        this.random = new Random(seed);
        this.template = template.deepCopy();
        this.required = List.copyOf(required);
        this.boundedField = boundedField;
        this.oversizeBytes = oversizeBytes;
    }

    /**
     * Malformed request bodies, the kinds in turn.
     *
     * @param count how many
     * @return the inputs
     */
    public List<HostileInput> bodies(int count) {
        return generate(count, HUGE_STRING_CHARS, oversizeBytes);
    }

    /**
     * Malformed record values for a raw JSON topic: the kinds of {@link #bodies} but for content
     * types (a record has none), which become random bytes, and with huge strings of {@value
     * #HUGE_RECORD_BYTES} characters.
     *
     * @param count how many
     * @return the inputs, content type null
     */
    public List<HostileInput> values(int count) {
        List<HostileInput> inputs = new ArrayList<>(count);
        for (HostileInput body : generate(count, HUGE_RECORD_BYTES, HUGE_RECORD_BYTES)) {
            inputs.add(
                    body.kind().equals("wrong-content-type")
                            ? new HostileInput("random-bytes", randomBytes(), null)
                            : new HostileInput(body.kind(), body.bytes(), null));
        }
        return inputs;
    }

    private List<HostileInput> generate(int count, int hugeChars, int paddingBytes) {
        List<HostileInput> inputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            inputs.add(
                    i % HUGE_EVERY == HUGE_EVERY - 1
                            ? (i / HUGE_EVERY % 2 == 0
                                    ? hugeString(hugeChars)
                                    : oversized(paddingBytes))
                            : next(i % 14));
        }
        return inputs;
    }

    private HostileInput next(int kind) {
        return switch (kind) {
            case 0 -> HostileInput.json("random-bytes", randomBytes());
            case 1 -> HostileInput.json("invalid-utf8", invalidUtf8());
            case 2 -> HostileInput.json("deep-nesting", deep());
            case 3 -> HostileInput.json("huge-number", withRaw(field(), hugeNumber()));
            case 4 -> HostileInput.json("nan", withRaw(field(), pick(NON_NUMBERS)));
            case 5 -> HostileInput.json("duplicate-key", duplicateKey());
            case 6 -> HostileInput.json("null-field", with(field(), null));
            case 7 -> HostileInput.json("wrong-type", wrongType());
            case 8 -> HostileInput.json("missing-field", without(field()));
            case 9 -> HostileInput.json("wrong-top-level", utf8(pick(WRONG_TOP_LEVELS)));
            case 10 -> HostileInput.json("empty-body", utf8(random.nextBoolean() ? "" : " \n"));
            case 11 -> HostileInput.json("truncated", truncated());
            case 12 -> new HostileInput("wrong-content-type", valid(), pick(WRONG_CONTENT_TYPES));
            default -> HostileInput.json("null-in-array", nullInArray());
        };
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[1 + random.nextInt(2048)];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] invalidUtf8() {
        String marker = "\u0000MARK\u0000";
        ObjectNode body = template.deepCopy();
        body.put(boundedField, marker);
        String text = write(body);
        int at = text.indexOf("\\u0000MARK\\u0000");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(text.substring(0, at)));
        out.writeBytes(new byte[] {(byte) 0xc3, 0x28, (byte) 0xff, (byte) 0xed, (byte) 0xa0});
        out.writeBytes(utf8(text.substring(at + "\\u0000MARK\\u0000".length())));
        return out.toByteArray();
    }

    private byte[] deep() {
        StringBuilder text = new StringBuilder(2 * DEPTH + 8);
        boolean arrays = random.nextBoolean();
        for (int i = 0; i < DEPTH; i++) {
            text.append(arrays ? "[" : "{\"a\":");
        }
        text.append(arrays ? "1" : "null");
        if (random.nextBoolean()) {
            text.append((arrays ? "]" : "}").repeat(DEPTH));
        }
        return utf8(text.toString());
    }

    private String hugeNumber() {
        return random.nextBoolean() ? "1" + "0".repeat(100_000) : "1e999999999";
    }

    private byte[] duplicateKey() {
        String name = field();
        String text = write(template);
        String duplicate = JSON.valueToTree(name) + ":" + template.get(name) + ",";
        return utf8("{" + duplicate + text.substring(1));
    }

    private byte[] wrongType() {
        String name = field();
        JsonNode current = template.get(name);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        List<JsonNode> others =
                new ArrayList<>(
                        List.of(
                                nodes.arrayNode().add(current),
                                nodes.objectNode().set("value", current),
                                nodes.booleanNode(true)));
        others.add(current.isNumber() ? nodes.textNode("0.5") : nodes.numberNode(12345));
        return with(name, others.get(random.nextInt(others.size())));
    }

    private byte[] nullInArray() {
        return with(field(), JsonNodeFactory.instance.arrayNode().addNull());
    }

    private byte[] truncated() {
        byte[] whole = valid();
        return Arrays.copyOf(whole, 1 + random.nextInt(whole.length - 1));
    }

    private HostileInput hugeString(int hugeChars) {
        ObjectNode body = template.deepCopy();
        body.put(boundedField, "y".repeat(hugeChars));
        return HostileInput.json("huge-string", utf8(write(body)));
    }

    private HostileInput oversized(int paddingBytes) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("padding", "z".repeat(paddingBytes));
        body.setAll(template.deepCopy());
        return HostileInput.json("oversized-body", utf8(write(body)));
    }

    private byte[] valid() {
        return utf8(write(template));
    }

    private byte[] with(String name, JsonNode value) {
        ObjectNode body = template.deepCopy();
        body.set(name, value == null ? JsonNodeFactory.instance.nullNode() : value);
        return utf8(write(body));
    }

    private byte[] withRaw(String name, String rawValue) {
        String marker = "\"@@RAW@@\"";
        ObjectNode body = template.deepCopy();
        body.put(name, "@@RAW@@");
        return utf8(write(body).replace(marker, rawValue));
    }

    private byte[] without(String name) {
        ObjectNode body = template.deepCopy();
        body.remove(name);
        return utf8(write(body));
    }

    private String field() {
        return required.get(random.nextInt(required.size()));
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
