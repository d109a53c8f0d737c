package io.rewardloop.feedback.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rewardloop.feedback.Kind;

/**
 * The topology's outcomes as Micrometer counters: {@code rlhf_feedback_stream_recorded_total{kind}}
 * (events written), {@code rlhf_feedback_stream_duplicates_total{kind}} (retries dropped), {@code
 * rlhf_feedback_stream_completed_total{kind}} (events completed from {@code rlhf.responses}, also
 * counted as recorded) and {@code rlhf_feedback_stream_dead_letters_total{reason}} ({@code
 * malformed}, {@code invalid}, {@code conflict}, {@code incomplete}). They count every path into
 * {@code rlhf.feedback} (HTTP and Kafka). A record processed again after an aborted transaction is
 * counted again: the topics, not these counters, are exact.
 */
public final class StreamMetrics implements FeedbackStreamListener {

    private final MeterRegistry registry;

    /**
     * Counters in this registry.
     *
     * @param registry the service's registry
     */
    public StreamMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void recorded(Kind kind) {
        counter("rlhf.feedback.stream.recorded", "kind", kind.wireName()).increment();
    }

    @Override
    public void duplicate(Kind kind) {
        counter("rlhf.feedback.stream.duplicates", "kind", kind.wireName()).increment();
    }

    @Override
    public void completed(Kind kind) {
        counter("rlhf.feedback.stream.completed", "kind", kind.wireName()).increment();
    }

    @Override
    public void deadLettered(String category) {
        counter("rlhf.feedback.stream.dead.letters", "reason", category).increment();
    }

    private Counter counter(String name, String tag, String value) {
        return Counter.builder(name).tag(tag, value).register(registry);
    }
}
