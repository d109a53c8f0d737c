package io.rewardloop.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.events.ModelPublished;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.model.artifact.ModelArtifact;
import org.junit.jupiter.api.Test;

class ArtifactModelLoaderTest {

    private static ModelPublished record(ModelArtifact artifact) {
        return ModelPublisher.record(artifact, artifact.toBytes(), RetrainTrigger.MANUAL).build();
    }

    @Test
    void shouldLoadAModelThatFitsItsBackbone() {
        ModelArtifact fits = TinyModels.artifact("v1", 16, 2, 4);
        ArtifactModelLoader loader = new ArtifactModelLoader(id -> TinyModels.backbone(16));

        assertThat(loader.load(record(fits), fits.toBytes()).version()).isEqualTo("v1");
    }

    @Test
    void shouldRefuseAModelWhoseWidthIsNotTheBackbones() {
        ModelArtifact narrow = TinyModels.artifact("v2", 8, 2, 4);
        ArtifactModelLoader loader = new ArtifactModelLoader(id -> TinyModels.backbone(16));

        assertThatThrownBy(() -> loader.load(record(narrow), narrow.toBytes()))
                .hasMessage(
                        "model v2 does not fit backbone test-backbone: its heads take 8 features"
                                + " and its gate 8 inputs, the backbone gives 16");
    }

    @Test
    void shouldRefuseARecordThatDisagreesWithItsArtifact() {
        ModelArtifact artifact = TinyModels.artifact("v3", 16, 2, 0);
        ModelPublished lying = ModelPublished.newBuilder(record(artifact)).setVersion("v4").build();

        assertThatThrownBy(
                        () ->
                                new ArtifactModelLoader(id -> TinyModels.backbone(16))
                                        .load(lying, artifact.toBytes()))
                .hasMessage("record says version v4 but the artifact is v3");
    }
}
