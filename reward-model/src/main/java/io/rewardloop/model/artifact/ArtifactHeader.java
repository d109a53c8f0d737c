package io.rewardloop.model.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.model.heads.GatingWeights;
import io.rewardloop.model.heads.LengthFeature;
import io.rewardloop.model.heads.ObjectiveHeads;
import io.rewardloop.model.heads.RewardModel;
import io.rewardloop.model.heads.TrainingMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON header: lineage, objectives, debiasing, gating shape and scalars, metrics, and the
 * directory of the float32 tensors that follow. Fields are written in a fixed order, and numbers in
 * their shortest exact decimal form, so the same artifact always gives the same bytes and reads
 * back bit for bit.
 */
final class ArtifactHeader {

    static final String FORMAT = "rewardloop.armorm";
    static final String SCORE =
            "score = g . r', g = beta * softmax(MLP(h_x) / tau) over objectives, r' = r T,"
                    + " r = W h_y (length objective: standardized log length),"
                    + " T = identity with row debias_index replaced by e_v - lambdas";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ArtifactHeader() {}

    static byte[] encode(ModelArtifact artifact) {
        RewardModel model = artifact.model();
        ObjectiveHeads heads = model.heads();
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", ArtifactCodec.FORMAT_VERSION);
        root.put("model_version", artifact.modelVersion());
        root.put("parent_version", artifact.parentVersion());
        root.put("backbone_id", artifact.backboneId());
        root.put("created_at", artifact.createdAt().toString());
        root.put("feature_dimension", heads.dimension());
        root.put("score", SCORE);
        ArrayNode objectives = root.putArray("objectives");
        heads.objectives()
                .objectives()
                .forEach(
                        o ->
                                objectives
                                        .addObject()
                                        .put("name", o.name())
                                        .put("kind", o.kind().name()));
        root.put("debias_index", heads.debiasing().verbosityIndex());
        ArrayNode lambdas = root.putArray("lambdas");
        for (double lambda : heads.debiasing().lambdas()) {
            lambdas.add(lambda);
        }
        LengthFeature length = heads.length();
        if (length == null) {
            root.putNull("length");
        } else {
            root.putObject("length")
                    .put("mean", length.mean())
                    .put("std", length.std())
                    .put("scale", length.scale());
        }
        gating(root.putObject("gating"), model.gating());
        metrics(root.putObject("metrics"), artifact.metrics());
        tensorDirectory(root.putArray("tensors"), model);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the artifact header", e);
        }
    }

    private static void gating(ObjectNode node, GatingWeights gating) {
        ArrayNode sizes = node.putArray("sizes");
        for (int size : gating.sizes()) {
            sizes.add(size);
        }
        node.put("activation", "relu");
        node.put("tau", gating.tau());
        node.put("beta", gating.beta());
    }

    private static void metrics(ObjectNode node, TrainingMetrics metrics) {
        for (Map.Entry<String, Double> e : metrics.asMap().entrySet()) {
            double v = e.getValue();
            if (Double.isFinite(v)) {
                node.put(e.getKey(), v);
            } else {
                // JSON has no NaN or infinity: keep them as Java's spelling in a string.
                node.put(e.getKey(), Double.toString(v));
            }
        }
    }

    private static void tensorDirectory(ArrayNode node, RewardModel model) {
        float[][] w = model.heads().weights();
        addTensor(node, "W", w.length, w[0].length);
        int[] sizes = model.gating().sizes();
        for (int layer = 0; layer < sizes.length - 1; layer++) {
            addTensor(node, "gating." + layer + ".weight", sizes[layer + 1], sizes[layer]);
            addTensor(node, "gating." + layer + ".bias", sizes[layer + 1]);
        }
    }

    private static void addTensor(ArrayNode node, String name, int... shape) {
        ObjectNode tensor = node.addObject().put("name", name);
        ArrayNode dims = tensor.putArray("shape");
        for (int d : shape) {
            dims.add(d);
        }
    }

    /** The tensors in the order of the directory. */
    static float[][] tensors(RewardModel model) {
        List<float[]> out = new ArrayList<>(List.of(model.heads().weights()));
        GatingWeights gating = model.gating();
        for (int layer = 0; layer < gating.layers(); layer++) {
            out.add(gating.weight(layer));
            out.add(gating.bias(layer));
        }
        return out.toArray(float[][]::new);
    }

    static JsonNode parse(byte[] header) throws IOException {
        return JSON.readTree(header);
    }
}
