package io.rewardloop.feedback.agreement;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.rewardloop.common.RewardLoopException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/**
 * The JSON of {@link Answer} (repartition records) and {@link Unit} (store values), written and
 * read with Jackson's streaming generator and parser: the same text that data binding wrote (fields
 * in declaration order, nulls written, ratings as doubles), so records and stores written by
 * earlier releases read back, at a fraction of data binding's cost per record. The agreement
 * application encodes an answer and a unit and decodes both for every event.
 */
final class AgreementJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private AgreementJson() {}

    /** What writes one value's fields. */
    interface Body {
        void write(JsonGenerator generator) throws IOException;
    }

    /** What reads one field of an object, the parser on the field's value. */
    interface Field {
        void read(String name, JsonParser parser) throws IOException;
    }

    /**
     * Writes one JSON object.
     *
     * @param what for the error message
     * @param body writes the fields
     * @return the JSON text
     */
    static String object(String what, Body body) {
        StringWriter out = new StringWriter(96);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.writeStartObject();
            body.write(generator);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new RewardLoopException("cannot encode " + what + ": " + e.getMessage(), e);
        }
        return out.toString();
    }

    /**
     * Reads one JSON object field by field; fields the reader does not know are skipped.
     *
     * @param what for the error message
     * @param json the text
     * @param field reads a field's value
     */
    static void readObject(String what, String json, Field field) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, what);
            readFields(parser, field);
            expect(parser.currentToken(), JsonToken.END_OBJECT, what);
        } catch (IOException e) {
            throw new RewardLoopException("cannot decode " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a map of answers (the parser on its {@code START_OBJECT}) into {@code into}.
     *
     * @param parser the parser
     * @param into annotator -> answer
     * @param what for the error message
     */
    static void readAnswers(JsonParser parser, Map<String, Object> into, String what)
            throws IOException {
        expect(parser.currentToken(), JsonToken.START_OBJECT, what);
        readFields(parser, (annotator, value) -> into.put(annotator, readAnswer(value, what)));
    }

    /** Reads the fields of the object the parser is in, up to its {@code END_OBJECT}. */
    private static void readFields(JsonParser parser, Field field) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            field.read(name, parser);
        }
    }

    /**
     * Writes an answer: a vote as a string, a rating as a number.
     *
     * @param generator where
     * @param answer a String or a Number
     */
    static void writeAnswer(JsonGenerator generator, Object answer) throws IOException {
        if (answer instanceof Number rating) {
            generator.writeNumber(rating.doubleValue());
        } else {
            generator.writeString((String) answer);
        }
    }

    /**
     * Reads an answer (the parser on its value): a vote (String) or a rating (Double).
     *
     * @param parser the parser
     * @param what for the error message
     * @return the answer
     */
    static Object readAnswer(JsonParser parser, String what) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getDoubleValue();
        }
        throw new IOException(what + ": an answer is a string or a number, not " + token);
    }

    /**
     * A string field's value (the parser on it), null for JSON null.
     *
     * @param parser the parser
     * @return the text or null
     */
    static String text(JsonParser parser) throws IOException {
        return parser.currentToken() == JsonToken.VALUE_NULL ? null : parser.getText();
    }

    private static void expect(JsonToken actual, JsonToken expected, String what)
            throws IOException {
        if (actual != expected) {
            throw new IOException(what + ": expected " + expected + ", found " + actual);
        }
    }
}
