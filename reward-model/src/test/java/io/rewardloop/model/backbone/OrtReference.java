package io.rewardloop.model.backbone;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.rewardloop.model.backbone.bert.PaddedBatch;
import io.rewardloop.model.backbone.bert.Pooling;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * ONNX Runtime running an encoder's ONNX file, by default the bundled all-MiniLM-L6-v2 pooled the
 * way sentence-transformers pools it (mean over the attention mask, then L2 normalisation): the
 * reference the PyTorch-engine backbone is checked and benchmarked against. Pooling is computed
 * here, on the file's first output (the last hidden state). Test scope only.
 */
final class OrtReference implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final Pooling pooling;

    /** Opens a session on all-MiniLM-L6-v2 with ORT's default threading. */
    OrtReference() throws IOException, OrtException {
        this(0, true);
    }

    /**
     * Opens a session with ORT's default threading.
     *
     * @param onnxResource classpath resource holding the ONNX file
     * @param pooling how the encoder pools its last hidden state
     */
    OrtReference(String onnxResource, Pooling pooling) throws IOException, OrtException {
        this(onnxResource, pooling, 0, true);
    }

    /**
     * Opens a session.
     *
     * @param intraOpThreads ORT's intra-op threads; 0 keeps ORT's default
     * @param spin whether idle intra-op threads spin (ORT's default) or sleep, the counterpart of
     *     {@code OMP_WAIT_POLICY} ACTIVE / PASSIVE for PyTorch's OpenMP threads
     */
    OrtReference(int intraOpThreads, boolean spin) throws IOException, OrtException {
        this(MiniLmBackboneBuilder.ONNX_RESOURCE, Pooling.MEAN, intraOpThreads, spin);
    }

    private OrtReference(String onnxResource, Pooling pooling, int intraOpThreads, boolean spin)
            throws IOException, OrtException {
        this.pooling = pooling;
        byte[] model;
        try (InputStream in = OrtReference.class.getResourceAsStream(onnxResource)) {
            model = in.readAllBytes();
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            options.addConfigEntry("session.intra_op.allow_spinning", spin ? "1" : "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(model, options);
        }
    }

    /** Returns L2-normalised pooled embeddings, one row per sequence. */
    float[][] embed(PaddedBatch batch) throws OrtException {
        long[] shape = {batch.size(), batch.length()};
        try (OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(batch.ids()), shape);
                OnnxTensor mask =
                        OnnxTensor.createTensor(env, LongBuffer.wrap(batch.mask()), shape);
                OnnxTensor types =
                        OnnxTensor.createTensor(env, LongBuffer.wrap(batch.typeIds()), shape);
                OrtSession.Result result =
                        session.run(
                                Map.of(
                                        "input_ids", ids,
                                        "attention_mask", mask,
                                        "token_type_ids", types))) {
            return pool((float[][][]) result.get(0).getValue(), batch);
        }
    }

    private float[][] pool(float[][][] hidden, PaddedBatch batch) {
        float[][] out = new float[batch.size()][];
        for (int b = 0; b < batch.size(); b++) {
            int dim = hidden[b][0].length;
            double[] sum = new double[dim];
            int count = 0;
            // CLS pooling: the first token's state alone, a "mean" over one token.
            int tokens = pooling == Pooling.CLS ? 1 : batch.length();
            for (int t = 0; t < tokens; t++) {
                if (batch.mask()[b * batch.length() + t] == 1) {
                    count++;
                    for (int d = 0; d < dim; d++) {
                        sum[d] += hidden[b][t][d];
                    }
                }
            }
            out[b] = normalised(sum, Math.max(count, 1));
        }
        return out;
    }

    private static float[] normalised(double[] sum, int count) {
        double norm = 0;
        for (double v : sum) {
            norm += (v / count) * (v / count);
        }
        norm = Math.max(Math.sqrt(norm), 1e-12);
        float[] row = new float[sum.length];
        for (int d = 0; d < row.length; d++) {
            row[d] = (float) (sum[d] / count / norm);
        }
        return row;
    }

    /** Returns the cosine similarity of two vectors. */
    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
