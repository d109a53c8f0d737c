package io.rewardloop.feedback;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rewardloop.common.RewardLoopException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The JSON rules shared by the HTTP API and the Kafka path ({@code rlhf.feedback}).
 *
 * <ul>
 *   <li><b>Parsing</b> ({@link #parse}): strict UTF-8 (an invalid byte sequence is an error, never
 *       replaced), one JSON value, nothing after it, no duplicate keys.
 *   <li><b>Canonical content</b>: the validated item rebuilt with its fields in a fixed order,
 *       defaults made explicit ({@code tie: false}, every rating's scale, texts as {@code {"text",
 *       "responseId"}} objects, numbers as doubles), without {@code feedbackId}, {@code kind}'s
 *       absence or anything about where or when it came. Two items that mean the same have the same
 *       canonical content.
 *   <li><b>Content hash</b>: SHA-256 (lower-case hex) of the canonical content's UTF-8 bytes.
 *   <li><b>Derived feedback id</b> (when the client gives none): {@code "fb-"} + the first 32 hex
 *       characters of SHA-256 over {@code annotatorId + "\n" + canonical content}; so the same
 *       annotator posting the same judgement twice gets the same id, and a retry is a duplicate.
 * </ul>
 */
public final class FeedbackJson {

    /** The mapper: strict parsing, compact writing. Thread-safe once configured. */
    public static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Prefix of derived feedback ids. */
    public static final String DERIVED_ID_PREFIX = "fb-";

    /** One digest per thread: looking one up costs as much as hashing a short item. */
    private static final ThreadLocal<MessageDigest> SHA_256 =
            ThreadLocal.withInitial(FeedbackJson::newSha256);

    private FeedbackJson() {}

    /**
     * Parses UTF-8 JSON strictly.
     *
     * @param bytes the body or record value
     * @return the JSON value (any type: the validator checks it is an object)
     * @throws MalformedJsonException on invalid UTF-8, malformed JSON, trailing content, duplicate
     *     keys or an empty input
     */
    public static JsonNode parse(byte[] bytes) {
        String text = decodeUtf8(bytes);
        if (text.isBlank()) {
            throw new MalformedJsonException("the body is empty: expected a JSON object");
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException("malformed JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Writes JSON compactly.
     *
     * @param node the value
     * @return the JSON text
     */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new RewardLoopException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /**
     * SHA-256 of a string's UTF-8 bytes.
     *
     * @param text the text
     * @return 64 lower-case hex characters
     */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The calling thread's SHA-256 digest, reset: {@code digest()} resets it again for the next
     * caller on this thread.
     *
     * @return the digest
     */
    public static MessageDigest sha256() {
        return SHA_256.get();
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * The feedback id of an item that has none.
     *
     * @param annotatorId who gave it
     * @param canonicalContent its canonical content (JSON without the id)
     * @return {@code fb-} + 32 hex characters
     */
    public static String deriveFeedbackId(String annotatorId, String canonicalContent) {
        return DERIVED_ID_PREFIX
                + sha256Hex(annotatorId + "\n" + canonicalContent).substring(0, 32);
    }

    /**
     * Escapes an object key for a JSON pointer (RFC 6901): {@code ~} as {@code ~0}, {@code /} as
     * {@code ~1}.
     *
     * @param key the key
     * @return the escaped token, without the leading {@code /}
     */
    public static String pointerToken(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String decodeUtf8(byte[] bytes) {
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new MalformedJsonException("invalid UTF-8 at byte " + in.position());
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw new MalformedJsonException("invalid UTF-8 at byte " + in.position());
        }
        out.flip();
        return out.toString();
    }
}
