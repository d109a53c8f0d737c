package io.rewardloop.model.backbone.bert;

import java.util.List;
import java.util.Map;

/** Converts the tensors of the embeddings and of one layer for {@link BertWeights#fromOnnx}. */
final class BertWeightMapper {

    private final BertConfig config;
    private final Map<String, OnnxTensor> source;
    private final Map<String, OnnxTensor> target;

    BertWeightMapper(
            BertConfig config, Map<String, OnnxTensor> source, Map<String, OnnxTensor> target) {
        this.config = config;
        this.source = source;
        this.target = target;
    }

    void mapEmbeddings() {
        int h = config.hiddenSize();
        copy("embeddings.word_embeddings.weight", "embeddings.word", config.vocabularySize(), h);
        copy("embeddings.position_embeddings.weight", "embeddings.position", -1, h);
        copy("embeddings.token_type_embeddings.weight", "embeddings.type", -1, h);
        copy("embeddings.LayerNorm.weight", "embeddings.norm.weight", h);
        copy("embeddings.LayerNorm.bias", "embeddings.norm.bias", h);
    }

    /** Maps layer {@code i}; {@code matmuls} are its six matrices in graph order. */
    void mapLayer(int i, List<OnnxTensor> matmuls) {
        int h = config.hiddenSize();
        int inner = config.intermediateSize();
        String src = BertWeights.layer(i);
        String dst = "layer." + i + ".";
        for (int m = 0; m < 4; m++) {
            BertWeights.checkDims(matmuls.get(m), h, h);
        }
        BertWeights.checkDims(matmuls.get(4), h, inner);
        BertWeights.checkDims(matmuls.get(5), inner, h);
        float scale = (float) (1.0 / Math.sqrt(config.headSize()));
        float[] q = scaled(transpose(matmuls.get(0)), scale);
        float[] qkv = concat(q, transpose(matmuls.get(1)), transpose(matmuls.get(2)));
        put(dst + "qkv.weight", qkv, 3L * h, h);
        float[] qb = scaled(bias(src + "attention.self.query.bias", h), scale);
        float[] kb = bias(src + "attention.self.key.bias", h);
        float[] vb = bias(src + "attention.self.value.bias", h);
        put(dst + "qkv.bias", concat(qb, kb, vb), 3L * h);
        put(dst + "attention_out.weight", transpose(matmuls.get(3)), h, h);
        copy(src + "attention.output.dense.bias", dst + "attention_out.bias", h);
        copy(src + "attention.output.LayerNorm.weight", dst + "attention_norm.weight", h);
        copy(src + "attention.output.LayerNorm.bias", dst + "attention_norm.bias", h);
        put(dst + "intermediate.weight", transpose(matmuls.get(4)), inner, h);
        copy(src + "intermediate.dense.bias", dst + "intermediate.bias", inner);
        put(dst + "output.weight", transpose(matmuls.get(5)), h, inner);
        copy(src + "output.dense.bias", dst + "output.bias", h);
        copy(src + "output.LayerNorm.weight", dst + "output_norm.weight", h);
        copy(src + "output.LayerNorm.bias", dst + "output_norm.bias", h);
    }

    private void copy(String from, String to, long... dims) {
        OnnxTensor tensor = BertWeights.require(source, from, dims);
        target.put(to, new OnnxTensor(to, tensor.dims(), tensor.data()));
    }

    private float[] bias(String name, int size) {
        return BertWeights.require(source, name, size).data();
    }

    private void put(String name, float[] data, long... dims) {
        target.put(name, new OnnxTensor(name, dims, data));
    }

    /** Turns an {@code [in, out]} matrix into {@code [out, in]}. */
    static float[] transpose(OnnxTensor matrix) {
        int rows = (int) matrix.dims()[0];
        int cols = (int) matrix.dims()[1];
        float[] in = matrix.data();
        float[] out = new float[in.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = in[r * cols + c];
            }
        }
        return out;
    }

    private static float[] scaled(float[] values, float scale) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] * scale;
        }
        return out;
    }

    private static float[] concat(float[]... parts) {
        int length = 0;
        for (float[] part : parts) {
            length += part.length;
        }
        float[] out = new float[length];
        int offset = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }
}
