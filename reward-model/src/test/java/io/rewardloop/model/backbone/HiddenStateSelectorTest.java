package io.rewardloop.model.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class HiddenStateSelectorTest {

    /** hidden[b][t][h] = 100 b + 10 t + h, so every selected row names its position. */
    private static NDArray hidden(NDManager manager, int batch, int tokens, int width) {
        float[] data = new float[batch * tokens * width];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < tokens; t++) {
                for (int h = 0; h < width; h++) {
                    data[(b * tokens + t) * width + h] = 100 * b + 10 * t + h;
                }
            }
        }
        return manager.create(data, new Shape(batch, tokens, width));
    }

    @Test
    void shouldTakeTheLastTokenForResponseAndThePromptEndForPrompt() {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            NDList selected =
                    HiddenStateSelector.select(
                            hidden(manager, 2, 5, 3), new int[] {1, 3}, new int[] {4, 3});

            assertThat(selected.get(0).getShape()).isEqualTo(new Shape(2, 3));
            assertThat(selected.get(0).toFloatArray()).containsExactly(40, 41, 42, 130, 131, 132);
            assertThat(selected.get(1).toFloatArray()).containsExactly(10, 11, 12, 130, 131, 132);
        }
    }

    @Test
    void shouldRejectAPromptEndAfterTheLastToken() {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray hidden = hidden(manager, 1, 4, 2);

            assertThatThrownBy(
                            () -> HiddenStateSelector.select(hidden, new int[] {3}, new int[] {2}))
                    .isInstanceOf(BackboneException.class)
                    .hasMessageContaining("promptEnd (3)");
        }
    }

    @Test
    void shouldRejectALastTokenBeyondTheSequence() {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray hidden = hidden(manager, 1, 4, 2);

            assertThatThrownBy(
                            () -> HiddenStateSelector.select(hidden, new int[] {0}, new int[] {4}))
                    .isInstanceOf(BackboneException.class)
                    .hasMessageContaining("lastToken (4) < 4");
        }
    }

    @Test
    void shouldRejectHiddenStatesThatAreNotThreeDimensional() {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray flat = manager.zeros(new Shape(4, 2));

            assertThatThrownBy(() -> HiddenStateSelector.select(flat, new int[] {0}, new int[] {0}))
                    .isInstanceOf(BackboneException.class)
                    .hasMessageContaining("[batch, tokens, hidden]");
        }
    }

    @Test
    void shouldRejectIndexArraysOfTheWrongLength() {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray hidden = hidden(manager, 2, 4, 2);

            assertThatThrownBy(
                            () -> HiddenStateSelector.select(hidden, new int[] {0}, new int[] {1}))
                    .isInstanceOf(BackboneException.class)
                    .hasMessageContaining("one prompt end and one last token per sequence");
        }
    }
}
