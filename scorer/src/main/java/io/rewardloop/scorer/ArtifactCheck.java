package io.rewardloop.scorer;

import io.rewardloop.common.RewardLoopException;
import io.rewardloop.events.ModelPublished;
import io.rewardloop.model.artifact.ModelArtifact;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fetches a published model's artifact (inline bytes, or a {@code file:} URI for large ones) and
 * refuses it unless its sha256 matches the record's.
 */
final class ArtifactCheck {

    private ArtifactCheck() {}

    static byte[] verifiedArtifact(ModelPublished published) {
        byte[] bytes = fetch(published);
        String actual = ModelArtifact.sha256(bytes);
        if (!actual.equalsIgnoreCase(published.getSha256())) {
            throw new RewardLoopException(
                    "model "
                            + published.getVersion()
                            + ": artifact sha256 is "
                            + actual
                            + " but the record says "
                            + published.getSha256()
                            + "; refusing it");
        }
        return bytes;
    }

    private static byte[] fetch(ModelPublished published) {
        ByteBuffer inline = published.getArtifact();
        if (inline != null) {
            byte[] bytes = new byte[inline.remaining()];
            inline.duplicate().get(bytes);
            return bytes;
        }
        String uri = published.getArtifactUri();
        if (uri == null) {
            throw new RewardLoopException(
                    "model " + published.getVersion() + " has neither inline bytes nor a URI");
        }
        try {
            return Files.readAllBytes(Path.of(URI.create(uri)));
        } catch (IOException | IllegalArgumentException e) {
            throw new RewardLoopException(
                    "model " + published.getVersion() + ": cannot read artifact " + uri, e);
        }
    }
}
