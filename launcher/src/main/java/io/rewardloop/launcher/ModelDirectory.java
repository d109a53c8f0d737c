package io.rewardloop.launcher;

import io.rewardloop.model.artifact.ModelArtifact;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --model DIR} option of the commands that use a trained model. */
final class ModelDirectory {

    @Option(
            names = "--model",
            paramLabel = "DIR",
            required = true,
            description = "A model directory written by rlhf train.")
    private Path directory;

    /** Loads the model artifact, checking its sha256. */
    ModelArtifact load() throws IOException {
        return ModelArtifact.load(directory);
    }
}
