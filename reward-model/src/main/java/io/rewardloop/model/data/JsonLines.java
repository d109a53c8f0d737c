package io.rewardloop.model.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads a JSON-lines file (gzipped when its name ends in {@code .gz}) one object per line. */
final class JsonLines {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Receives one parsed line. */
    @FunctionalInterface
    interface LineHandler {
        /**
         * Handles a line.
         *
         * @param lineNumber the 1-based line number
         * @param object the parsed JSON object
         */
        void accept(long lineNumber, JsonNode object);
    }

    private JsonLines() {}

    /**
     * Calls the handler for every selected, non-blank line.
     *
     * @param file the file
     * @param selection which lines to read
     * @param handler what to do with each
     */
    static void forEach(Path file, LineSelection selection, LineHandler handler) {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file, "no such file", null);
        }
        try (BufferedReader reader = open(file)) {
            long lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (!selection.includes(lineNumber) || line.isBlank()) {
                    continue;
                }
                handler.accept(lineNumber, parseObject(file, lineNumber, line));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new DataFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * A required text field.
     *
     * @param file for the error message
     * @param lineNumber for the error message
     * @param object the line's object
     * @param field the field name
     * @return the text
     */
    static String requiredText(Path file, long lineNumber, JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw new DataFileException(file, lineNumber, "missing field \"" + field + "\"");
        }
        if (!value.isTextual()) {
            throw new DataFileException(
                    file, lineNumber, "field \"" + field + "\" must be a string");
        }
        return value.asText();
    }

    /**
     * An optional text field.
     *
     * @param object the line's object
     * @param field the field name
     * @return the text, or null when absent
     */
    static String optionalText(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode parseObject(Path file, long lineNumber, String line) {
        try {
            JsonNode node = MAPPER.readTree(line);
            if (node == null || !node.isObject()) {
                throw new DataFileException(file, lineNumber, "expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new DataFileException(
                    file, lineNumber, "invalid JSON: " + e.getOriginalMessage());
        }
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }
}
