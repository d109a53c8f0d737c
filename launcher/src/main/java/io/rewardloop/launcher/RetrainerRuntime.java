package io.rewardloop.launcher;

import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.retrainer.RetrainerConfig;
import io.rewardloop.retrainer.RetrainerService;
import java.io.PrintWriter;
import java.util.Map;

/**
 * The retrainer that {@code rlhf up} runs as a {@link LocalService}: its HTTP endpoint on 127.0.0.1
 * unless {@code retrainer.http.bind} says otherwise.
 */
final class RetrainerRuntime {

    private RetrainerRuntime() {}

    static LocalService<RetrainerService> start(
            KafkaStack stack,
            ClusterOptions cluster,
            Map<String, String> defaults,
            PrintWriter out) {
        ConfigSource source =
                LocalService.source(
                        stack, cluster, defaults, RetrainerConfig.HTTP_PREFIX + ".bind");
        RetrainerConfig config = RetrainerConfig.from(source);
        ChannelConfig channel = ChannelConfig.from(source);
        return LocalService.start(
                "Retrainer", () -> RetrainerService.start(config, channel), null, out);
    }
}
