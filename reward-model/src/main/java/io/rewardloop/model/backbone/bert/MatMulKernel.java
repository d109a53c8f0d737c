package io.rewardloop.model.backbone.bert;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;

/**
 * How {@link BertEncoder} runs its dense layers ({@code y = x W^T + b}, {@code x [tokens, in]}).
 *
 * <p>Why two: the CPU build of libtorch does fp32 {@code linear} with MKL sgemm, which on non-Intel
 * CPUs (measured on AMD EPYC Zen 5) does not use AVX-512 and reaches about 100 GFLOP/s a core, half
 * of what ONNX Runtime's GEMM gets. A 1x1 convolution on a channels-last view of the same memory
 * goes to oneDNN instead, which picks its kernels by instruction set, not vendor: measured 160-240
 * GFLOP/s for BERT's shapes (batch >= 4 sequences; with one sequence on one thread PyTorch itself
 * falls back to the GEMM path). The results agree to float rounding.
 */
public enum MatMulKernel {
    /** {@code ai.djl.nn.core.Linear.linear}: one fused GEMM with bias (cuBLAS on a GPU). */
    LINEAR {
        @Override
        Shape weightShape(long out, long in) {
            return new Shape(out, in);
        }

        @Override
        NDArray apply(NDArray x, NDArray weight, NDArray bias, int size, int length) {
            return Linear.linear(x, weight, bias).singletonOrThrow();
        }
    },
    /** A 1x1 {@code Conv2d} on a channels-last view: oneDNN on a CPU. */
    CONV_1X1 {
        @Override
        Shape weightShape(long out, long in) {
            return new Shape(out, in, 1, 1);
        }

        @Override
        NDArray apply(NDArray x, NDArray weight, NDArray bias, int size, int length) {
            long in = x.getShape().get(1);
            // [size * length, in] is, in memory, the channels-last layout of [size, in, length, 1].
            NDArray image = x.reshape(size, length, 1, in).transpose(0, 3, 1, 2);
            NDArray out = Conv2d.conv2d(image, weight, bias).singletonOrThrow();
            return out.transpose(0, 2, 3, 1).reshape(-1, weight.getShape().get(0));
        }
    };

    /**
     * Returns the kernel for a device: {@link #CONV_1X1} on a CPU, {@link #LINEAR} elsewhere.
     *
     * @param device the device the encoder runs on
     * @return the kernel
     */
    public static MatMulKernel forDevice(Device device) {
        return device.isGpu() ? LINEAR : CONV_1X1;
    }

    /** The shape the weight of an {@code [out, in]} dense layer is stored in. */
    abstract Shape weightShape(long out, long in);

    /** Returns {@code x W^T + b} as {@code [size * length, out]}. */
    abstract NDArray apply(NDArray x, NDArray weight, NDArray bias, int size, int length);
}
