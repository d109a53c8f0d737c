package io.rewardloop.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.RewardLoopException;
import io.rewardloop.events.ModelPublished;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.model.artifact.ModelArtifact;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactCheckTest {

    private static final byte[] BYTES = "model bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir Path dir;

    private static ModelPublished.Builder record(String sha256) {
        return ModelPublished.newBuilder()
                .setVersion("v3")
                .setBackboneId("b")
                .setObjectives(List.of("helpfulness"))
                .setSha256(sha256)
                .setSizeBytes(BYTES.length)
                .setTrigger(RetrainTrigger.MANUAL)
                .setCreatedAt(Instant.EPOCH);
    }

    @Test
    void shouldAcceptInlineBytesWhoseSha256Matches() {
        ModelPublished published =
                record(ModelArtifact.sha256(BYTES)).setArtifact(ByteBuffer.wrap(BYTES)).build();

        assertThat(ArtifactCheck.verifiedArtifact(published)).isEqualTo(BYTES);
    }

    @Test
    void shouldReadALargeArtifactFromAFileUri() throws Exception {
        Path file = Files.write(dir.resolve("artifact.armo"), BYTES);
        ModelPublished published =
                record(ModelArtifact.sha256(BYTES)).setArtifactUri(file.toUri().toString()).build();

        assertThat(ArtifactCheck.verifiedArtifact(published)).isEqualTo(BYTES);
    }

    @Test
    void shouldRefuseAnArtifactWhoseSha256DoesNotMatch() {
        ModelPublished published =
                record("00".repeat(32)).setArtifact(ByteBuffer.wrap(BYTES)).build();

        assertThatThrownBy(() -> ArtifactCheck.verifiedArtifact(published))
                .isInstanceOf(RewardLoopException.class)
                .hasMessageContaining("model v3: artifact sha256 is " + ModelArtifact.sha256(BYTES))
                .hasMessageContaining("refusing it");
    }

    @Test
    void shouldSayWhenARecordHasNoArtifact() {
        assertThatThrownBy(() -> ArtifactCheck.verifiedArtifact(record("ab").build()))
                .isInstanceOf(RewardLoopException.class)
                .hasMessageContaining("neither inline bytes nor a URI");
    }
}
