package io.rewardloop.model.backbone.bert;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.rewardloop.model.backbone.MiniLmBackboneBuilder;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BertEncoderTest {

    private static BertWeights weights;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in =
                BertEncoderTest.class.getResourceAsStream(MiniLmBackboneBuilder.ONNX_RESOURCE)) {
            weights =
                    BertWeights.fromOnnx(
                            OnnxInitializers.read(ByteBuffer.wrap(in.readAllBytes())), 12);
        }
    }

    @AfterAll
    static void release() {
        weights = null;
    }

    private static PaddedBatch batch() {
        return PaddedBatch.of(sequences());
    }

    private static List<TokenSequence> sequences() {
        return List.of(
                new TokenSequence(new long[] {101, 7592, 2088, 102}, new long[4]),
                new TokenSequence(new long[] {101, 2748, 102}, new long[3]),
                new TokenSequence(new long[] {101, 1037, 2307, 2154, 2000, 102}, new long[6]),
                new TokenSequence(new long[] {101, 4931, 102}, new long[3]));
    }

    @Test
    void shouldGiveTheSameEmbeddingsWithEitherDenseLayerKernel() {
        try (BertEncoder linear =
                        BertEncoder.create(
                                weights,
                                Device.cpu(),
                                new EagerLayer(weights.config(), MatMulKernel.LINEAR));
                BertEncoder conv =
                        BertEncoder.create(
                                weights,
                                Device.cpu(),
                                new EagerLayer(weights.config(), MatMulKernel.CONV_1X1))) {
            assertSameEmbeddings(linear.embed(batch()), conv.embed(batch()));
        }
    }

    @Test
    void shouldGiveTheSameEmbeddingsScriptedAsOpByOp() {
        try (BertEncoder eager = BertEncoder.create(weights, Device.cpu(), LayerKernel.EAGER);
                BertEncoder scripted =
                        BertEncoder.create(weights, Device.cpu(), LayerKernel.SCRIPTED)) {
            assertSameEmbeddings(eager.embed(batch()), scripted.embed(batch()));
            assertSameEmbeddings(eager.embed(unpaddedBatch()), scripted.embed(unpaddedBatch()));
        }
    }

    @Test
    void shouldGiveTheSameEmbeddingsWithTheGpusDenseLayersInTheScript() {
        // The GPU's variant (linear, then GELU or add), compiled and run on the CPU.
        try (BertEncoder eager = BertEncoder.create(weights, Device.cpu(), LayerKernel.EAGER);
                BertEncoder linear =
                        BertEncoder.create(
                                weights,
                                Device.cpu(),
                                ScriptedLayer.load(
                                        weights.config(),
                                        Device.cpu(),
                                        ScriptedLayer.Dense.LINEAR))) {
            assertSameEmbeddings(eager.embed(batch()), linear.embed(batch()));
        }
    }

    @Test
    void shouldCompileTheScriptedLayersByDefault() {
        try (BertEncoder encoder = BertEncoder.create(weights, Device.cpu())) {
            assertThat(encoder.layerKernel()).isEqualTo(LayerKernel.SCRIPTED);
        }
    }

    @Test
    void shouldPoolTheClsStateWhenAsked() {
        try (BertEncoder mean = BertEncoder.create(weights, Device.cpu());
                BertEncoder cls = BertEncoder.create(weights, Device.cpu(), null, Pooling.CLS)) {
            float[][] pooled = cls.embed(batch());
            float[][] alone = cls.embed(PaddedBatch.of(List.of(sequences().get(1))));
            PaddedBatch clsOnly =
                    PaddedBatch.of(List.of(new TokenSequence(new long[] {101}, new long[1])));

            assertThat(cls.pooling()).isEqualTo(Pooling.CLS);
            assertThat(mean.pooling()).isEqualTo(Pooling.MEAN);
            assertThat(pooled[1]).containsExactly(alone[0], Offset.offset(1e-5f));
            for (float[] row : pooled) {
                assertThat(norm(row)).isCloseTo(1.0, Offset.offset(1e-5));
            }
            assertThat(mean.embed(batch())[0]).isNotEqualTo(pooled[0]);
            // One token: its mean is its own state.
            assertSameEmbeddings(mean.embed(clsOnly), cls.embed(clsOnly));
        }
    }

    @ParameterizedTest
    @EnumSource(LayerKernel.class)
    void shouldLeaveNoArraysBehindInTheWeightsManager(LayerKernel kernel) {
        try (BertEncoder encoder = BertEncoder.create(weights, Device.cpu(), kernel)) {
            int before = encoder.managedArrays();
            for (int i = 0; i < 3; i++) {
                encoder.embed(batch());
                encoder.embed(unpaddedBatch());
            }

            assertThat(encoder.managedArrays()).isEqualTo(before);
        }
    }

    private static PaddedBatch unpaddedBatch() {
        return PaddedBatch.of(
                List.of(
                        new TokenSequence(new long[] {101, 7592, 2088, 102}, new long[4]),
                        new TokenSequence(new long[] {101, 2748, 2154, 102}, new long[4])));
    }

    private static double norm(float[] row) {
        double sum = 0;
        for (float v : row) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    private static void assertSameEmbeddings(float[][] expected, float[][] actual) {
        assertThat(actual).hasSameDimensionsAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).containsExactly(expected[i], Offset.offset(1e-5f));
        }
    }

    @Test
    void shouldPickTheConvolutionKernelOnACpu() {
        assertThat(MatMulKernel.forDevice(Device.cpu())).isEqualTo(MatMulKernel.CONV_1X1);
        assertThat(MatMulKernel.forDevice(Device.gpu())).isEqualTo(MatMulKernel.LINEAR);
    }
}
