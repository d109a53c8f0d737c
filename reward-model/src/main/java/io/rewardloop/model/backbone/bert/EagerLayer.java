package io.rewardloop.model.backbone.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.LayerNorm;

/**
 * {@link LayerKernel#EAGER}: the layer op by op through DJL's own bindings: dense layers by a
 * {@link MatMulKernel}, attention as two matmuls and a softmax, exact (erf) GELU.
 */
final class EagerLayer implements EncoderLayer {

    private final BertConfig config;
    private final MatMulKernel kernel;

    EagerLayer(BertConfig config, MatMulKernel kernel) {
        this.config = config;
        this.kernel = kernel;
    }

    @Override
    public NDArray apply(NDArray x, LayerWeights w, NDArray maskBias) {
        long size = x.getShape().get(0);
        long length = x.getShape().get(1);
        NDArray flat = x.reshape(-1, config.hiddenSize());
        NDArray heads =
                dense(flat, w.qkvWeight(), w.qkvBias(), size, length)
                        .reshape(size, length, 3, config.heads(), config.headSize())
                        .transpose(2, 0, 3, 1, 4);
        NDArray scores = heads.get(0).matMul(heads.get(1).transpose(0, 1, 3, 2));
        if (maskBias != null) {
            scores = scores.add(maskBias);
        }
        NDArray context =
                scores.softmax(-1)
                        .matMul(heads.get(2))
                        .transpose(0, 2, 1, 3)
                        .reshape(-1, config.hiddenSize());
        NDArray attended =
                norm(
                        dense(context, w.attentionOutWeight(), w.attentionOutBias(), size, length)
                                .add(flat),
                        w.attentionNormWeight(),
                        w.attentionNormBias());
        NDArray inner =
                Activation.gelu(
                        dense(
                                attended,
                                w.intermediateWeight(),
                                w.intermediateBias(),
                                size,
                                length));
        NDArray out =
                norm(
                        dense(inner, w.outputWeight(), w.outputBias(), size, length).add(attended),
                        w.outputNormWeight(),
                        w.outputNormBias());
        return out.reshape(size, length, config.hiddenSize());
    }

    private NDArray dense(NDArray x, NDArray weight, NDArray bias, long size, long length) {
        return kernel.apply(x, weight, bias, size, length);
    }

    private NDArray norm(NDArray x, NDArray weight, NDArray bias) {
        return LayerNorm.layerNorm(
                        x, new Shape(config.hiddenSize()), weight, bias, config.layerNormEps())
                .singletonOrThrow();
    }

    @Override
    public void close() {
        // Holds nothing.
    }
}
