package io.rewardloop.launcher;

import io.rewardloop.events.ModelPublished;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.scorer.ModelRecords;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rlhf publish}: puts a trained model on {@code rlhf.models} for the scorers. */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description =
                "Publish a model written by rlhf train to rlhf.models; scorers switch to it without a restart.")
final class PublishCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ClusterOptions cluster;

    @Mixin private ModelDirectory model;

    @Option(
            names = "--lineage",
            defaultValue = ModelRecords.DEFAULT_LINEAGE,
            description =
                    "The model lineage (record key) scorers follow (default ${DEFAULT-VALUE}).")
    private String lineage;

    @Override
    public Integer call() throws Exception {
        UpConfig config = UpConfig.from(cluster.source(Map.of()));
        if (config.embeddedBroker()) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "give --bootstrap-servers (or BOOTSTRAP_SERVERS): the cluster to publish to");
        }
        ModelArtifact artifact = model.load();
        ModelPublished published =
                ModelRecords.publish(
                        config.bootstrapServers().orElseThrow(),
                        config.serdeConfig(),
                        artifact,
                        lineage,
                        RetrainTrigger.MANUAL);
        spec.commandLine()
                .getOut()
                .printf(
                        "Published %s (%d bytes, sha256 %s, objectives %s) to rlhf.models under lineage '%s'.%n",
                        published.getVersion(),
                        published.getSizeBytes(),
                        published.getSha256(),
                        published.getObjectives(),
                        lineage);
        return 0;
    }
}
