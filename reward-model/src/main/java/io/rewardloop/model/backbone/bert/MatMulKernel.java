package io.rewardloop.model.backbone.bert;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;

/**
 * How {@link EagerLayer} runs its dense layers ({@code y = x W^T + b}, {@code x [tokens, in]},
 * {@code W [out, in]}).
 *
 * <p>Why two: the CPU build of libtorch does fp32 {@code linear} with MKL sgemm, which on non-Intel
 * CPUs (measured on AMD EPYC Zen 5) does not use AVX-512 and reaches about 100 GFLOP/s a core, half
 * of what ONNX Runtime's GEMM gets. A 1x1 convolution on a channels-last view of the same memory
 * goes to oneDNN instead, which picks its kernels by instruction set, not vendor: measured 160-240
 * GFLOP/s for BERT's shapes (batch >= 4 sequences; with one sequence on one thread PyTorch itself
 * falls back to the GEMM path). The results agree to float rounding. {@link ScriptedLayer} calls
 * oneDNN's matmul directly instead.
 */
public enum MatMulKernel {
    /** {@code ai.djl.nn.core.Linear.linear}: one fused GEMM with bias (cuBLAS on a GPU). */
    LINEAR {
        @Override
        NDArray apply(NDArray x, NDArray weight, NDArray bias, long size, long length) {
            return Linear.linear(x, weight, bias).singletonOrThrow();
        }
    },
    /** A 1x1 {@code Conv2d} on a channels-last view: oneDNN on a CPU. */
    CONV_1X1 {
        @Override
        NDArray apply(NDArray x, NDArray weight, NDArray bias, long size, long length) {
            long out = weight.getShape().get(0);
            long in = weight.getShape().get(1);
            // [size * length, in] is, in memory, the channels-last layout of [size, in, length, 1].
            NDArray image = x.reshape(size, length, 1, in).transpose(0, 3, 1, 2);
            NDArray kernel = weight.reshape(out, in, 1, 1);
            kernel.attach(x.getManager()); // a view: freed with the call, not with the weights
            NDArray y = Conv2d.conv2d(image, kernel, bias).singletonOrThrow();
            return y.transpose(0, 2, 3, 1).reshape(-1, out);
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

    /** Returns {@code x W^T + b} as {@code [size * length, out]}. */
    abstract NDArray apply(NDArray x, NDArray weight, NDArray bias, long size, long length);
}
