package io.rewardloop.model.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.model.backbone.bert.Pooling;
import org.junit.jupiter.api.Test;

/**
 * bge-small-en-v1.5 on the PyTorch engine ({@code [CLS]} pooling, its export's weight names mapped
 * by {@link io.rewardloop.model.backbone.bert.BertWeights}) against ONNX Runtime on the same file:
 * the measured candidate is the real model.
 */
class BgeSmallEquivalenceTest extends EncoderEquivalenceTest {

    @Override
    MiniLmBackbone open() throws Exception {
        return BgeSmall.builder().build();
    }

    @Override
    OrtReference openReference() throws Exception {
        return new OrtReference(BgeSmall.ONNX_RESOURCE, Pooling.CLS);
    }

    @Test
    void shouldLoadTwelveLayersAndNameItselfInItsId() {
        assertThat(backbone.encoder().config().layers()).isEqualTo(12);
        assertThat(backbone.encoder().pooling()).isEqualTo(Pooling.CLS);
        assertThat(backbone.id()).isEqualTo("bge-small-en-v1.5/cls-l2/pair256-prompt128");
    }
}
