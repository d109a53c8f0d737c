package io.rewardloop.model.backbone.bert;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.rewardloop.model.backbone.MiniLmBackboneBuilder;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
        return PaddedBatch.of(
                List.of(
                        new TokenSequence(new long[] {101, 7592, 2088, 102}, new long[4]),
                        new TokenSequence(new long[] {101, 2748, 102}, new long[3]),
                        new TokenSequence(
                                new long[] {101, 1037, 2307, 2154, 2000, 102}, new long[6]),
                        new TokenSequence(new long[] {101, 4931, 102}, new long[3])));
    }

    @Test
    void shouldGiveTheSameEmbeddingsWithEitherDenseLayerKernel() {
        try (BertEncoder linear = BertEncoder.create(weights, Device.cpu(), MatMulKernel.LINEAR);
                BertEncoder conv =
                        BertEncoder.create(weights, Device.cpu(), MatMulKernel.CONV_1X1)) {
            float[][] a = linear.embed(batch());
            float[][] b = conv.embed(batch());

            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).containsExactly(a[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void shouldLeaveNoArraysBehindInTheWeightsManager() {
        try (BertEncoder encoder = BertEncoder.create(weights, Device.cpu())) {
            int before = encoder.managedArrays();
            for (int i = 0; i < 3; i++) {
                encoder.embed(batch());
            }

            assertThat(encoder.managedArrays()).isEqualTo(before);
        }
    }

    @Test
    void shouldPickTheConvolutionKernelOnACpu() {
        assertThat(MatMulKernel.forDevice(Device.cpu())).isEqualTo(MatMulKernel.CONV_1X1);
        assertThat(MatMulKernel.forDevice(Device.gpu())).isEqualTo(MatMulKernel.LINEAR);
    }
}
