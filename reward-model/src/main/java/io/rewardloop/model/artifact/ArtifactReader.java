package io.rewardloop.model.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import io.rewardloop.model.artifact.ArtifactException.Reason;
import io.rewardloop.model.heads.Debiasing;
import io.rewardloop.model.heads.GatingWeights;
import io.rewardloop.model.heads.LengthFeature;
import io.rewardloop.model.heads.Objective;
import io.rewardloop.model.heads.ObjectiveHeads;
import io.rewardloop.model.heads.ObjectiveKind;
import io.rewardloop.model.heads.ObjectiveSet;
import io.rewardloop.model.heads.RewardModel;
import io.rewardloop.model.heads.TrainingMetrics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rebuilds an artifact from a checked frame; any inconsistency is {@link Reason#MALFORMED}. */
final class ArtifactReader {

    private final JsonNode root;
    private final ByteBuffer payload;

    private ArtifactReader(JsonNode root, ByteBuffer payload) {
        this.root = root;
        this.payload = payload;
    }

    static ModelArtifact read(ArtifactCodec.Frame frame) {
        try {
            JsonNode root = ArtifactHeader.parse(frame.header());
            if (!ArtifactHeader.FORMAT.equals(root.path("format").asText())) {
                throw new ArtifactException(Reason.NOT_AN_ARTIFACT, "unknown format field");
            }
            return new ArtifactReader(root, frame.payload()).artifact();
        } catch (IOException | RuntimeException e) {
            if (e instanceof ArtifactException artifactException) {
                throw artifactException;
            }
            throw new ArtifactException(Reason.MALFORMED, e.getMessage(), e);
        }
    }

    private ModelArtifact artifact() {
        ModelArtifact.Builder builder =
                ModelArtifact.builder()
                        .setModel(model())
                        .setModelVersion(text("model_version"))
                        .setBackboneId(text("backbone_id"))
                        .optCreatedAt(Instant.parse(text("created_at")))
                        .optMetrics(metrics());
        JsonNode parent = root.path("parent_version");
        if (!parent.isNull() && !parent.isMissingNode()) {
            builder.optParentVersion(parent.asText());
        }
        return builder.build();
    }

    private RewardModel model() {
        List<Objective> list = new ArrayList<>();
        for (JsonNode o : root.path("objectives")) {
            list.add(
                    new Objective(
                            o.path("name").asText(),
                            ObjectiveKind.valueOf(o.path("kind").asText())));
        }
        ObjectiveSet objectives = ObjectiveSet.of(list);
        Iterator<JsonNode> tensors = root.path("tensors").iterator();
        float[][] w = rows(tensor(tensors, "W"));
        int[] sizes = ints(root.path("gating").path("sizes"));
        float[][] weights = new float[sizes.length - 1][];
        float[][] biases = new float[sizes.length - 1][];
        for (int layer = 0; layer < weights.length; layer++) {
            weights[layer] = next(tensors, "gating." + layer + ".weight");
            biases[layer] = next(tensors, "gating." + layer + ".bias");
        }
        if (tensors.hasNext() || payload.hasRemaining()) {
            throw new ArtifactException(Reason.MALFORMED, "tensors left over");
        }
        JsonNode g = root.path("gating");
        GatingWeights gating =
                new GatingWeights(
                        sizes, weights, biases, floatOf(g.path("beta")), floatOf(g.path("tau")));
        double[] lambdas = doubles(root.path("lambdas"));
        Debiasing debiasing = new Debiasing(root.path("debias_index").asInt(), lambdas);
        return new RewardModel(new ObjectiveHeads(objectives, w, debiasing, length()), gating);
    }

    private LengthFeature length() {
        JsonNode node = root.path("length");
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        return new LengthFeature(
                node.path("mean").asDouble(),
                node.path("std").asDouble(),
                node.path("scale").asDouble());
    }

    private TrainingMetrics metrics() {
        Map<String, Double> values = new LinkedHashMap<>();
        root.path("metrics")
                .fields()
                .forEachRemaining(
                        e ->
                                values.put(
                                        e.getKey(),
                                        e.getValue().isTextual()
                                                ? Double.parseDouble(e.getValue().asText())
                                                : e.getValue().asDouble()));
        return new TrainingMetrics(values);
    }

    /** A tensor read from the payload. */
    private record Tensor(int[] shape, float[] values) {}

    /** Reads the next tensor, which must have the expected name. */
    private Tensor tensor(Iterator<JsonNode> tensors, String name) {
        if (!tensors.hasNext()) {
            throw new ArtifactException(Reason.MALFORMED, "missing tensor " + name);
        }
        JsonNode tensor = tensors.next();
        if (!name.equals(tensor.path("name").asText())) {
            throw new ArtifactException(
                    Reason.MALFORMED, "expected tensor " + name + ", found " + tensor.path("name"));
        }
        long count = 1;
        for (int d : ints(tensor.path("shape"))) {
            count *= d;
        }
        if (count * Float.BYTES > payload.remaining()) {
            throw new ArtifactException(
                    Reason.MALFORMED, "tensor " + name + " overruns the payload");
        }
        float[] values = new float[(int) count];
        payload.asFloatBuffer().get(values);
        payload.position(payload.position() + values.length * Float.BYTES);
        return new Tensor(ints(tensor.path("shape")), values);
    }

    private float[] next(Iterator<JsonNode> tensors, String name) {
        return tensor(tensors, name).values();
    }

    private float[][] rows(Tensor tensor) {
        int[] shape = tensor.shape();
        if (shape.length != 2) {
            throw new ArtifactException(Reason.MALFORMED, "W must be two-dimensional");
        }
        float[][] out = new float[shape[0]][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.copyOfRange(tensor.values(), i * shape[1], (i + 1) * shape[1]);
        }
        return out;
    }

    private String text(String field) {
        JsonNode node = root.path(field);
        if (!node.isTextual()) {
            throw new ArtifactException(Reason.MALFORMED, "missing field " + field);
        }
        return node.asText();
    }

    private static float floatOf(JsonNode node) {
        // The writer printed the float's shortest decimal; parsing it as a float is exact.
        return Float.parseFloat(node.asText());
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
