package io.rewardloop.launcher;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The smoke test's samples: the event samples of {@link io.rewardloop.schemas.SampleEvents}, plus
 * raw feedback bytes for {@code rlhf.feedback}. A value type without a sample fails the smoke test,
 * so a new topic cannot go unchecked.
 */
final class SampleEvents {

    private SampleEvents() {}

    /**
     * Samples of a topic's value type; {@code ControlEvent} has one per payload type.
     *
     * @param type the value type
     * @param id a unique id for the raw feedback sample
     * @param <V> the value type
     * @return at least one sample
     * @throws IllegalArgumentException when no sample exists for the type
     */
    static <V> List<V> of(Class<V> type, String id) {
        if (type == byte[].class) {
            String json = "{\"feedbackId\":\"" + id + "\",\"type\":\"smoke\"}";
            return List.of(type.cast(json.getBytes(StandardCharsets.UTF_8)));
        }
        List<V> samples =
                io.rewardloop.schemas.SampleEvents.all().stream()
                        .map(io.rewardloop.schemas.SampleEvents.Sample::value)
                        .filter(type::isInstance)
                        .map(type::cast)
                        .toList();
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("No smoke-test sample for " + type.getName());
        }
        return samples;
    }

    /**
     * A key of the given type.
     *
     * @param type {@code String} or {@code byte[]}
     * @param id the key text
     * @param <K> the key type
     * @return the key
     */
    static <K> K key(Class<K> type, String id) {
        if (type == String.class) {
            return type.cast(id);
        }
        if (type == byte[].class) {
            return type.cast(id.getBytes(StandardCharsets.UTF_8));
        }
        throw new IllegalArgumentException("No sample key of type " + type.getName());
    }
}
