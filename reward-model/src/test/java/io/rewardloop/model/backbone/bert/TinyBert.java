package io.rewardloop.model.backbone.bert;

import java.util.ArrayList;
import java.util.List;

/**
 * Initializers shaped like a Hugging Face BERT export (clean names, then six {@code onnx::MatMul_*}
 * per layer stored {@code [in, out]}), tiny: hidden 4, 2 layers, intermediate 8.
 */
final class TinyBert {

    static final int HIDDEN = 4;
    static final int INNER = 8;
    static final int LAYERS = 2;

    private TinyBert() {}

    static List<OnnxTensor> initializers() {
        List<OnnxTensor> list = new ArrayList<>();
        list.add(tensor("embeddings.word_embeddings.weight", 10, HIDDEN));
        list.add(tensor("embeddings.position_embeddings.weight", 16, HIDDEN));
        list.add(tensor("embeddings.token_type_embeddings.weight", 2, HIDDEN));
        list.add(tensor("embeddings.LayerNorm.weight", HIDDEN));
        list.add(tensor("embeddings.LayerNorm.bias", HIDDEN));
        for (int i = 0; i < LAYERS; i++) {
            String p = "encoder.layer." + i + ".";
            for (String name :
                    List.of(
                            "attention.self.query.bias",
                            "attention.self.key.bias",
                            "attention.self.value.bias",
                            "attention.output.dense.bias",
                            "attention.output.LayerNorm.weight",
                            "attention.output.LayerNorm.bias",
                            "output.dense.bias",
                            "output.LayerNorm.weight",
                            "output.LayerNorm.bias")) {
                list.add(tensor(p + name, HIDDEN));
            }
            list.add(tensor(p + "intermediate.dense.bias", INNER));
        }
        int id = 100;
        for (int i = 0; i < LAYERS; i++) {
            for (int m = 0; m < 4; m++) {
                list.add(tensor("onnx::MatMul_" + id++, HIDDEN, HIDDEN));
            }
            list.add(tensor("onnx::MatMul_" + id++, HIDDEN, INNER));
            list.add(tensor("onnx::MatMul_" + id++, INNER, HIDDEN));
        }
        return list;
    }

    /** A tensor whose value at flat index k is {@code k + 1} (so transposes are visible). */
    static OnnxTensor tensor(String name, long... dims) {
        long size = 1;
        for (long d : dims) {
            size *= d;
        }
        float[] data = new float[(int) size];
        for (int k = 0; k < data.length; k++) {
            data[k] = k + 1;
        }
        return new OnnxTensor(name, dims, data);
    }
}
