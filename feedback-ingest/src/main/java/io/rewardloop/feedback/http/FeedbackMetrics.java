package io.rewardloop.feedback.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rewardloop.feedback.Kind;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP API's meters, all tagged {@code channel="http"}: {@code
 * rlhf_feedback_accepted_total{kind}} (acknowledged by the broker), {@code
 * rlhf_feedback_rejected_total{reason}}, {@code rlhf_feedback_duplicates_total} and the request
 * timer {@code rlhf_feedback_request_seconds{endpoint}} with p50/p99.
 */
final class FeedbackMetrics {

    static final String CHANNEL = "http";

    private final MeterRegistry registry;
    private final Map<Kind, Counter> accepted = new EnumMap<>(Kind.class);
    private final Counter duplicates;
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    FeedbackMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Kind kind : Kind.values()) {
            accepted.put(
                    kind,
                    Counter.builder("rlhf.feedback.accepted")
                            .description("Feedback items acknowledged by the broker")
                            .tag("kind", kind.wireName())
                            .tag("channel", CHANNEL)
                            .register(registry));
        }
        duplicates =
                Counter.builder("rlhf.feedback.duplicates")
                        .description("Items whose id was already recorded with the same content")
                        .tag("channel", CHANNEL)
                        .register(registry);
    }

    void accepted(Kind kind) {
        accepted.get(kind).increment();
    }

    void duplicate() {
        duplicates.increment();
    }

    /** Counts a rejection: invalid, conflict, forbidden, malformed, too_large, ... */
    void rejected(String reason, int count) {
        rejected.computeIfAbsent(
                        reason,
                        r ->
                                Counter.builder("rlhf.feedback.rejected")
                                        .description(
                                                "Rejected feedback items or requests, by reason")
                                        .tag("reason", r)
                                        .tag("channel", CHANNEL)
                                        .register(registry))
                .increment(count);
    }

    Timer timer(String endpoint) {
        return timers.computeIfAbsent(
                endpoint,
                e ->
                        Timer.builder("rlhf.feedback.request")
                                .description(
                                        "HTTP feedback requests, until the broker acknowledged")
                                .tag("endpoint", e)
                                .publishPercentiles(0.5, 0.99)
                                .register(registry));
    }
}
