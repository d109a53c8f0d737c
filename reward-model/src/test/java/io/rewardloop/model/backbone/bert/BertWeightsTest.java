package io.rewardloop.model.backbone.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BertWeightsTest {

    @Test
    void shouldReadTheConfigOffTheWeights() {
        BertConfig config = BertWeights.fromOnnx(TinyBert.initializers(), 2).config();

        assertThat(config)
                .isEqualTo(
                        new BertConfig(
                                10,
                                TinyBert.HIDDEN,
                                TinyBert.LAYERS,
                                2,
                                TinyBert.INNER,
                                16,
                                BertWeights.LAYER_NORM_EPS));
        assertThat(config.headSize()).isEqualTo(2);
    }

    @Test
    void shouldFuseQueryKeyValueTransposedWithTheQueryScaled() {
        BertWeights weights = BertWeights.fromOnnx(TinyBert.initializers(), 2);
        OnnxTensor qkv = weights.tensors().get("layer.0.qkv.weight");

        assertThat(qkv.dims()).containsExactly(3 * TinyBert.HIDDEN, TinyBert.HIDDEN);
        float scale = (float) (1 / Math.sqrt(2));
        // [in, out] element (in=1, out=0) is flat index 4 -> value 5; transposed it is [0][1].
        assertThat(qkv.data()[1]).isEqualTo(5f * scale);
        // the key block starts at row 4 and is not scaled: its [0][1] is again value 5.
        assertThat(qkv.data()[4 * TinyBert.HIDDEN + 1]).isEqualTo(5f);
        assertThat(weights.tensors().get("layer.1.output.weight").dims())
                .containsExactly(TinyBert.HIDDEN, TinyBert.INNER);
    }

    @Test
    void shouldNameTheMissingInitializer() {
        List<OnnxTensor> tensors = new ArrayList<>(TinyBert.initializers());
        tensors.removeIf(t -> t.name().equals("encoder.layer.1.attention.self.key.bias"));

        assertThatThrownBy(() -> BertWeights.fromOnnx(tensors, 2))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("encoder.layer.1.attention.self.key.bias");
    }

    @Test
    void shouldRejectAMatMulOfTheWrongShape() {
        List<OnnxTensor> tensors = new ArrayList<>(TinyBert.initializers());
        int index = tensors.size() - 1;
        tensors.set(
                index, TinyBert.tensor(tensors.get(index).name(), TinyBert.HIDDEN, TinyBert.INNER));

        assertThatThrownBy(() -> BertWeights.fromOnnx(tensors, 2))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining(tensors.get(index).name())
                .hasMessageContaining("expected shape");
    }

    @Test
    void shouldRejectAMissingMatMul() {
        List<OnnxTensor> tensors = new ArrayList<>(TinyBert.initializers());
        tensors.remove(tensors.size() - 1);

        assertThatThrownBy(() -> BertWeights.fromOnnx(tensors, 2))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("Expected 12 onnx::MatMul_*");
    }

    @Test
    void shouldRejectAHeadCountThatDoesNotDivideTheHiddenSize() {
        assertThatThrownBy(() -> BertWeights.fromOnnx(TinyBert.initializers(), 3))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("3 heads");
    }
}
