package io.rewardloop.model.backbone.bert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the float initializers (the trained weights) of an ONNX model with {@link ProtoReader}:
 * {@code ModelProto.graph} (field 7) -> {@code GraphProto.initializer} (field 5) -> {@code
 * TensorProto} dims (1), data_type (2), float_data (4), name (8), raw_data (9). Floats are
 * little-endian, as the ONNX spec fixes them. Non-float initializers (shape constants) are skipped.
 */
public final class OnnxInitializers {

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_DATA_LOCATION = 14;
    private static final int DATA_TYPE_FLOAT = 1;
    private static final int LOCATION_EXTERNAL = 1;

    private OnnxInitializers() {}

    /**
     * Reads the float initializers of an ONNX file, memory-mapping it.
     *
     * @param file the {@code .onnx} file
     * @return the initializers in the order the graph lists them
     * @throws IOException when the file cannot be read
     * @throws OnnxFormatException when the file is not a valid ONNX model
     */
    public static List<OnnxTensor> read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()));
        }
    }

    /**
     * Reads the float initializers of a serialized ONNX {@code ModelProto}.
     *
     * @param model the serialized model
     * @return the initializers in the order the graph lists them
     * @throws OnnxFormatException when the bytes are not a valid ONNX model
     */
    public static List<OnnxTensor> read(ByteBuffer model) {
        ProtoReader reader = new ProtoReader(model);
        List<OnnxTensor> tensors = new ArrayList<>();
        boolean sawGraph = false;
        while (reader.hasMore()) {
            int key = reader.readKey();
            if (key >>> 3 == MODEL_GRAPH && (key & 7) == ProtoReader.LENGTH_DELIMITED) {
                sawGraph = true;
                readGraph(reader.readMessage(), tensors);
            } else {
                reader.skip(key);
            }
        }
        if (!sawGraph) {
            throw new OnnxFormatException("Not an ONNX model: no graph (ModelProto field 7)");
        }
        return tensors;
    }

    private static void readGraph(ProtoReader graph, List<OnnxTensor> tensors) {
        while (graph.hasMore()) {
            int key = graph.readKey();
            if (key >>> 3 == GRAPH_INITIALIZER && (key & 7) == ProtoReader.LENGTH_DELIMITED) {
                OnnxTensor tensor = readTensor(graph.readMessage());
                if (tensor != null) {
                    tensors.add(tensor);
                }
            } else {
                graph.skip(key);
            }
        }
    }

    /** Returns the tensor, or null when it does not hold floats. */
    private static OnnxTensor readTensor(ProtoReader tensor) {
        TensorFields fields = new TensorFields();
        while (tensor.hasMore()) {
            int key = tensor.readKey();
            switch (key >>> 3) {
                case TENSOR_DIMS -> fields.readDims(tensor, key);
                case TENSOR_DATA_TYPE -> fields.dataType = (int) tensor.readVarint();
                case TENSOR_FLOAT_DATA -> fields.readFloats(tensor, key);
                case TENSOR_NAME -> fields.name = tensor.readString();
                case TENSOR_RAW_DATA -> fields.raw = tensor.readBytes();
                case TENSOR_DATA_LOCATION -> fields.location = (int) tensor.readVarint();
                default -> tensor.skip(key);
            }
        }
        if (fields.dataType != DATA_TYPE_FLOAT) {
            return null;
        }
        if (fields.location == LOCATION_EXTERNAL) {
            throw new OnnxFormatException(
                    "Initializer " + fields.name + " keeps its data in an external file");
        }
        return new OnnxTensor(fields.name, fields.dims(), fields.values());
    }

    /** The fields of one TensorProto as they arrive; protobuf allows any order. */
    private static final class TensorFields {
        private final List<Long> dims = new ArrayList<>();
        private final List<Float> floats = new ArrayList<>();
        private int dataType;
        private int location;
        private String name = "";
        private ByteBuffer raw;

        void readDims(ProtoReader tensor, int key) {
            if ((key & 7) == ProtoReader.LENGTH_DELIMITED) {
                ProtoReader packed = tensor.readMessage();
                while (packed.hasMore()) {
                    dims.add(packed.readVarint());
                }
            } else {
                dims.add(tensor.readVarint());
            }
        }

        void readFloats(ProtoReader tensor, int key) {
            if ((key & 7) == ProtoReader.LENGTH_DELIMITED) {
                FloatBuffer packed = tensor.readBytes().asFloatBuffer();
                while (packed.hasRemaining()) {
                    floats.add(packed.get());
                }
            } else {
                floats.add(Float.intBitsToFloat(tensor.readFixed32()));
            }
        }

        long[] dims() {
            return dims.stream().mapToLong(Long::longValue).toArray();
        }

        float[] values() {
            if (raw != null) {
                float[] values = new float[raw.remaining() / Float.BYTES];
                raw.asFloatBuffer().get(values);
                return values;
            }
            float[] values = new float[floats.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = floats.get(i);
            }
            return values;
        }
    }
}
