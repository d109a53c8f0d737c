package io.rewardloop.launcher;

import io.rewardloop.channel.ModelPublisher;
import io.rewardloop.events.ModelPublished;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.model.artifact.ModelArtifact;
import java.net.URI;
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
                "Publish a model written by rlhf train to rlhf.models; scorers switch to it without a"
                        + " restart. Up to models.inline.max.bytes it travels inline, above into"
                        + " --artifact-dir, or at --artifact-url where you have put the artifact"
                        + " file. Signed when a signing key is configured.")
final class PublishCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ModelChannelOptions channel;
    @Mixin private ModelDirectory model;

    @Option(
            names = "--artifact-url",
            paramLabel = "URL",
            description =
                    "An http(s) URL serving this model's artifact file (reward-model.armo);"
                            + " followers download it and check its sha256.")
    private URI artifactUrl;

    @Override
    public Integer call() throws Exception {
        ModelArtifact artifact = model.load();
        ModelPublished published =
                new ModelPublisher(channel.kafka(spec), channel.channel())
                        .publish(artifact, channel.lineage, RetrainTrigger.MANUAL, artifactUrl);
        spec.commandLine()
                .getOut()
                .printf(
                        "Published %s (%d bytes %s, sha256 %s, objectives %s%s) to rlhf.models under"
                                + " lineage '%s'.%n",
                        published.getVersion(),
                        published.getSizeBytes(),
                        published.getArtifact() != null
                                ? "inline"
                                : "at " + published.getArtifactUri(),
                        published.getSha256(),
                        published.getObjectives(),
                        published.getSignature() != null ? ", signed" : "",
                        channel.lineage);
        return 0;
    }
}
