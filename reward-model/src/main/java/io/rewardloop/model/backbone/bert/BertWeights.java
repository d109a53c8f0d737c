package io.rewardloop.model.backbone.bert;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the initializers of a BERT ONNX export (as produced by Hugging Face's exporter for
 * sentence-transformers models) to the weights {@link BertEncoder} runs on.
 *
 * <p>The export keeps clean names for embeddings, biases and LayerNorms ({@code
 * encoder.layer.N.attention.self.query.bias}, ...) but names the six weight matrices of each layer
 * {@code onnx::MatMul_*}; they appear in graph order: query, key, value, attention output,
 * intermediate, output, each stored {@code [in, out]}. The mapping checks every shape and fails
 * with the offending name when the file does not match. Matrices are transposed here to the {@code
 * [out, in]} layout of a fused linear op; query, key and value are concatenated into one matrix
 * (one matrix multiply instead of three), and the query is pre-scaled by {@code 1/sqrt(headSize)}
 * so attention needs no separate scaling.
 *
 * @param config the encoder's shape
 * @param tensors the weights by canonical name (see {@link BertEncoder}), {@code [out, in]}
 */
public record BertWeights(BertConfig config, Map<String, OnnxTensor> tensors) {

    /** LayerNorm epsilon of BERT and its sentence-transformers derivatives. */
    public static final float LAYER_NORM_EPS = 1e-12f;

    private static final Pattern LAYER = Pattern.compile("^encoder\\.layer\\.(\\d+)\\.");
    private static final String MATMUL_PREFIX = "onnx::MatMul_";
    private static final int MATMULS_PER_LAYER = 6;

    /**
     * Maps ONNX initializers to encoder weights.
     *
     * @param initializers the float initializers in graph order
     * @param heads the number of attention heads (not recorded in the weights)
     * @return the weights
     * @throws OnnxFormatException when a tensor is missing or has an unexpected shape
     */
    public static BertWeights fromOnnx(List<OnnxTensor> initializers, int heads) {
        Map<String, OnnxTensor> byName = new HashMap<>();
        initializers.forEach(t -> byName.put(t.name(), t));
        OnnxTensor words = require(byName, "embeddings.word_embeddings.weight", -1, -1);
        int hidden = (int) words.dims()[1];
        int layers = countLayers(initializers);
        OnnxTensor intermediateBias = require(byName, layer(0) + "intermediate.dense.bias", -1);
        BertConfig config =
                new BertConfig(
                        (int) words.dims()[0],
                        hidden,
                        layers,
                        heads,
                        (int) intermediateBias.dims()[0],
                        (int)
                                require(byName, "embeddings.position_embeddings.weight", -1, hidden)
                                        .dims()[0],
                        LAYER_NORM_EPS);
        List<OnnxTensor> matmuls =
                initializers.stream().filter(t -> t.name().startsWith(MATMUL_PREFIX)).toList();
        if (matmuls.size() != MATMULS_PER_LAYER * layers) {
            throw new OnnxFormatException(
                    "Expected "
                            + MATMULS_PER_LAYER * layers
                            + " "
                            + MATMUL_PREFIX
                            + "* weight matrices for "
                            + layers
                            + " layers, found "
                            + matmuls.size());
        }
        Map<String, OnnxTensor> out = new LinkedHashMap<>();
        new BertWeightMapper(config, byName, out).mapEmbeddings();
        for (int i = 0; i < layers; i++) {
            List<OnnxTensor> six =
                    matmuls.subList(MATMULS_PER_LAYER * i, MATMULS_PER_LAYER * (i + 1));
            new BertWeightMapper(config, byName, out).mapLayer(i, six);
        }
        return new BertWeights(config, out);
    }

    static String layer(int i) {
        return "encoder.layer." + i + ".";
    }

    /** Returns the named tensor after checking its shape; -1 accepts any size. */
    static OnnxTensor require(Map<String, OnnxTensor> byName, String name, long... dims) {
        OnnxTensor tensor = byName.get(name);
        if (tensor == null) {
            throw new OnnxFormatException(
                    "The ONNX file has no initializer " + name + ": not a BERT export");
        }
        checkDims(tensor, dims);
        return tensor;
    }

    static void checkDims(OnnxTensor tensor, long... dims) {
        boolean ok = tensor.dims().length == dims.length;
        for (int i = 0; ok && i < dims.length; i++) {
            ok = dims[i] < 0 || dims[i] == tensor.dims()[i];
        }
        if (!ok) {
            throw new OnnxFormatException(
                    "Initializer "
                            + tensor
                            + " does not have the expected shape "
                            + java.util.Arrays.toString(dims));
        }
    }

    private static int countLayers(List<OnnxTensor> initializers) {
        int max = -1;
        for (OnnxTensor tensor : initializers) {
            Matcher m = LAYER.matcher(tensor.name());
            if (m.find()) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        if (max < 0) {
            throw new OnnxFormatException("The ONNX file has no encoder.layer.N.* initializers");
        }
        return max + 1;
    }
}
