package io.rewardloop.launcher;

import io.rewardloop.events.ControlEvent;
import io.rewardloop.retrainer.RequestWriter;
import io.rewardloop.retrainer.RetrainerConfig;
import io.rewardloop.schemas.Topics;
import io.rewardloop.service.KafkaSettings;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rlhf retrain}: asks the retrainer's leader for a round by writing a {@code
 * RetrainRequested} on {@code rlhf.control}. The outcome arrives there as a {@code RoundFinished}
 * and on the retrainer's {@code GET /v1/rounds}.
 */
@Command(
        name = "retrain",
        mixinStandardHelpOptions = true,
        description = {
            "Ask the retrainer for a training round now (a RetrainRequested on rlhf.control).",
            "Watch it with GET /v1/rounds on the retrainer (port 8092 on rlhf up)."
        })
final class RetrainCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ClusterOptions cluster;

    @Option(
            names = "--lineage",
            paramLabel = "NAME",
            description =
                    "The lineage to retrain (env RETRAINER_MODEL_LINEAGE, default 'default').")
    private String lineage;

    @Option(
            names = "--reason",
            paramLabel = "TEXT",
            defaultValue = "asked with rlhf retrain",
            description = "Why, recorded with the request (default: ${DEFAULT-VALUE}).")
    private String reason;

    @Override
    public Integer call() {
        Map<String, Object> flags = new java.util.HashMap<>();
        flags.put(RetrainerConfig.LINEAGE, lineage);
        var source = cluster.source(flags);
        String target = source.string(RetrainerConfig.LINEAGE, "default");
        KafkaSettings kafka = KafkaSettings.from(source, "localhost:9092");
        try (RequestWriter writer = new RequestWriter(kafka, "rlhf-retrain")) {
            ControlEvent event =
                    writer.request(target, reason, System.getProperty("user.name", "cli"));
            spec.commandLine()
                    .getOut()
                    .printf(
                            "Asked for a round of lineage %s: request %s on %s.%n",
                            target, event.getEventId(), Topics.CONTROL.name());
        }
        return 0;
    }
}
