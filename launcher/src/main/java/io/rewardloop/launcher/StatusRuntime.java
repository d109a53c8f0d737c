package io.rewardloop.launcher;

import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.status.StatusConfig;
import io.rewardloop.status.StatusService;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The status page that {@code rlhf up} runs as a {@link LocalService}: on 127.0.0.1 unless {@code
 * status.http.bind} says otherwise, showing the agreement of {@code up}'s own feedback ingest when
 * one runs and no other ingest is configured.
 */
final class StatusRuntime {

    private StatusRuntime() {}

    static LocalService<StatusService> start(
            KafkaStack stack,
            ClusterOptions cluster,
            Map<String, String> defaults,
            Optional<String> ingestUrl,
            PrintWriter out) {
        ConfigSource source =
                LocalService.source(stack, cluster, defaults, StatusConfig.HTTP_PREFIX + ".bind");
        StatusConfig configured = StatusConfig.from(source);
        StatusConfig config =
                source.raw(StatusConfig.FEEDBACK_URL).isEmpty() && ingestUrl.isPresent()
                        ? configured.withFeedbackUrl(URI.create(ingestUrl.get()))
                        : configured;
        ChannelConfig channel = ChannelConfig.from(source);
        return LocalService.start(
                "Status page", () -> StatusService.start(config, channel), null, out);
    }
}
