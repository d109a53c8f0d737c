package io.rewardloop.model.backbone.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxInitializersTest {

    @Test
    void shouldReadRawAndPackedAndUnpackedFloatInitializersInGraphOrder() {
        ProtoWriter raw =
                new ProtoWriter()
                        .varint(1, 2)
                        .varint(1, 2)
                        .varint(2, 1)
                        .string(8, "w")
                        .bytes(9, ProtoWriter.littleEndian(1f, -2f, 3.5f, 4f));
        ProtoWriter packed =
                new ProtoWriter()
                        .string(8, "b")
                        .bytes(1, new byte[] {3})
                        .varint(2, 1)
                        .bytes(4, ProtoWriter.littleEndian(0.5f, 0.25f, 0.125f));
        ProtoWriter unpacked =
                new ProtoWriter().varint(1, 1).varint(2, 1).fixed32(4, 7f).string(8, "u");
        ProtoWriter ints = new ProtoWriter().varint(1, 1).varint(2, 7).string(8, "shape");
        ProtoWriter graph =
                new ProtoWriter()
                        .string(2, "graph-name")
                        .message(5, raw)
                        .message(5, ints)
                        .message(5, packed)
                        .message(5, unpacked);
        byte[] model = new ProtoWriter().varint(1, 8).message(7, graph).toByteArray();

        List<OnnxTensor> tensors = OnnxInitializers.read(ByteBuffer.wrap(model));

        assertThat(tensors).extracting(OnnxTensor::name).containsExactly("w", "b", "u");
        assertThat(tensors.get(0).dims()).containsExactly(2, 2);
        assertThat(tensors.get(0).data()).containsExactly(1f, -2f, 3.5f, 4f);
        assertThat(tensors.get(1).dims()).containsExactly(3);
        assertThat(tensors.get(1).data()).containsExactly(0.5f, 0.25f, 0.125f);
        assertThat(tensors.get(2).data()).containsExactly(7f);
    }

    @Test
    void shouldRejectBytesThatHoldNoGraph() {
        byte[] notOnnx = new ProtoWriter().varint(1, 8).string(2, "producer").toByteArray();

        assertThatThrownBy(() -> OnnxInitializers.read(ByteBuffer.wrap(notOnnx)))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("no graph");
    }

    @Test
    void shouldRejectATruncatedFile() {
        byte[] model = new ProtoWriter().message(7, new ProtoWriter().string(2, "g")).toByteArray();
        byte[] cut = java.util.Arrays.copyOf(model, model.length - 1);

        assertThatThrownBy(() -> OnnxInitializers.read(ByteBuffer.wrap(cut)))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("Malformed protobuf");
    }

    @Test
    void shouldRejectDataThatDoesNotMatchTheDims() {
        ProtoWriter tensor =
                new ProtoWriter()
                        .varint(1, 3)
                        .varint(2, 1)
                        .string(8, "short")
                        .bytes(9, ProtoWriter.littleEndian(1f, 2f));
        byte[] model =
                new ProtoWriter().message(7, new ProtoWriter().message(5, tensor)).toByteArray();

        assertThatThrownBy(() -> OnnxInitializers.read(ByteBuffer.wrap(model)))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("short");
    }
}
