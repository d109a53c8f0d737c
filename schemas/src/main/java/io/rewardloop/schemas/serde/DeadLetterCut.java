package io.rewardloop.schemas.serde;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Fits a dead letter under a size limit by the rule {@link DeadLetters#toDeadLetter(
 * org.apache.kafka.clients.consumer.ConsumerRecord, String, String, Throwable, int)} documents: cut
 * the value, then the key, then drop the original headers.
 */
final class DeadLetterCut {

    /**
     * A record batch of one record (magic v2) costs at most this much besides the key, value and
     * headers: 61 bytes of batch header, then the record's length, attributes, timestamp delta,
     * offset delta, key length, value length and header count, each at its widest varint.
     */
    static final int RECORD_OVERHEAD = 61 + 5 + 1 + 10 + 5 + 5 + 5 + 5;

    /** Per header: its key length and value length at their widest varints. */
    static final int HEADER_OVERHEAD = 5 + 5;

    private DeadLetterCut() {}

    static ProducerRecord<byte[], byte[]> fit(
            String topic, byte[] key, byte[] value, Headers theirs, Headers ours, int maxBytes) {
        if (upperBound(key, value, theirs, ours) <= maxBytes) {
            return record(topic, key, value, theirs, ours);
        }
        List<String> cut = new ArrayList<>();
        Headers info = new RecordHeaders();
        byte[] keptValue = value;
        if (value != null && value.length > 0) {
            cut.add("value");
            DeadLetters.put(info, DeadLetters.ORIGINAL_VALUE_SIZE, Integer.toString(value.length));
            DeadLetters.put(info, DeadLetters.ORIGINAL_VALUE_SHA256, sha256(value));
            keptValue = prefix(value, maxBytes - withMarker(key, null, theirs, ours, info));
        }
        byte[] keptKey = key;
        if (withMarker(key, keptValue, theirs, ours, info) > maxBytes
                && key != null
                && key.length > 0) {
            cut.add("key");
            DeadLetters.put(info, DeadLetters.ORIGINAL_KEY_SIZE, Integer.toString(key.length));
            DeadLetters.put(info, DeadLetters.ORIGINAL_KEY_SHA256, sha256(key));
            keptKey = prefix(key, maxBytes - withMarker(null, keptValue, theirs, ours, info));
        }
        Headers keptTheirs = theirs;
        if (withMarker(keptKey, keptValue, theirs, ours, info) > maxBytes) {
            cut.add("headers");
            DeadLetters.put(
                    info,
                    DeadLetters.ORIGINAL_HEADERS_DROPPED,
                    Integer.toString(theirs.toArray().length));
            keptTheirs = new RecordHeaders();
        }
        Headers all = new RecordHeaders(ours.toArray());
        DeadLetters.put(all, DeadLetters.TRUNCATED, String.join(",", cut));
        info.forEach(all::add);
        return record(topic, keptKey, keptValue, keptTheirs, all);
    }

    /** The upper bound with the {@code TRUNCATED} header counted at its longest. */
    private static int withMarker(
            byte[] key, byte[] value, Headers theirs, Headers ours, Headers info) {
        long marker =
                headerSize(
                        DeadLetters.TRUNCATED,
                        "value,key,headers".getBytes(StandardCharsets.UTF_8));
        return (int)
                Math.min(Integer.MAX_VALUE, upperBound(key, value, theirs, ours, info) + marker);
    }

    private static ProducerRecord<byte[], byte[]> record(
            String topic, byte[] key, byte[] value, Headers theirs, Headers ours) {
        Headers headers = new RecordHeaders(theirs.toArray());
        ours.forEach(headers::add);
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    static int upperBound(byte[] key, byte[] value, Headers... headerGroups) {
        long size = RECORD_OVERHEAD + length(key) + length(value);
        for (Headers headers : headerGroups) {
            for (Header header : headers) {
                size += headerSize(header.key(), header.value());
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    private static long headerSize(String key, byte[] value) {
        return HEADER_OVERHEAD + key.getBytes(StandardCharsets.UTF_8).length + length(value);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static byte[] prefix(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, Math.max(0, Math.min(bytes.length, length)));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The longest prefix of {@code text} whose UTF-8 takes at most {@code maxBytes}. */
    static String utf8Prefix(String text, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int width = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + width > maxBytes) {
                return text.substring(0, end);
            }
            bytes += width;
            end += Character.charCount(codePoint);
        }
        return text;
    }
}
