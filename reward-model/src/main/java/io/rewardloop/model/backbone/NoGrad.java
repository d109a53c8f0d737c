package io.rewardloop.model.backbone;

import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * Runs PyTorch work with autograd off on the calling thread, then restores the thread's mode.
 * PyTorch keeps the mode per thread and a new thread starts with it on (DJL turns it off only on
 * the thread that loads the engine), so code that must not record gradients, or that changes a
 * parameter in place (which PyTorch refuses while recording: "a leaf Variable that requires grad is
 * being used in an in-place operation"), says so here rather than relying on which thread ran
 * first.
 */
public final class NoGrad {

    private NoGrad() {}

    /**
     * Computes a value with autograd off.
     *
     * @param work the computation
     * @param <T> its result
     * @return what it returned
     */
    public static <T> T call(Supplier<T> work) {
        boolean recording = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return work.get();
        } finally {
            JniUtils.setGradMode(recording);
        }
    }

    /**
     * Runs work with autograd off.
     *
     * @param work the work
     */
    public static void run(Runnable work) {
        call(
                () -> {
                    work.run();
                    return null;
                });
    }
}
