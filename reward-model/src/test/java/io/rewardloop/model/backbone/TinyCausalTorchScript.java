package io.rewardloop.model.backbone;

import io.rewardloop.model.backbone.bert.TorchScriptSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test fixture: a tiny, deterministic, parameterless "causal language model" written as TorchScript
 * source and compiled by libtorch when DJL loads it, so that {@link TorchScriptBackbone} can be run
 * end to end without Python or an exported model.
 *
 * <p>{@code forward(input_ids, attention_mask)} follows the backbone's input contract. Token {@code
 * s} of a sequence gets the features {@code sin(a_k), cos(a_k)} with {@code a_k = (id_s * 0.37 + s
 * * 0.5) * (k + 1)}, {@code k = 0..3}; the hidden state at position {@code t} is the mean of the
 * features of the real tokens {@code 0..t}, and 0 on padding. It is computed in float64 and cast to
 * the {@link Output}'s dtype, so {@link #state} reproduces it in Java.
 */
final class TinyCausalTorchScript {

    /** The hidden size. */
    static final int HIDDEN = 8;

    /** What the module returns. */
    enum Output {
        /** Hidden states {@code [batch, tokens, hidden]} in float32. */
        FLOAT32("Tensor", "torch.to(hidden, 6)"),
        /** The same in float16. */
        FLOAT16("Tensor", "torch.to(hidden, 5)"),
        /** The same in bfloat16. */
        BFLOAT16("Tensor", "torch.to(hidden, 15)"),
        /** A tuple: the float32 hidden states, then the mask as a second element. */
        TUPLE("Tuple[Tensor, Tensor]", "(torch.to(hidden, 6), attention_mask)"),
        /** Breaks the contract: one state per sequence, {@code [batch, hidden]}. */
        POOLED("Tensor", "torch.to(torch.mean(hidden, [1]), 6)");

        private final String type;
        private final String value;

        Output(String type, String value) {
            this.type = type;
            this.value = value;
        }
    }

    private static final String BODY =
            """
              def forward(self: __torch__.TinyCausalLm,
                input_ids: Tensor,
                attention_mask: Tensor) -> TYPE:
                device = input_ids.device
                mask = torch.unsqueeze(torch.to(attention_mask, 7), -1)
                positions = torch.arange(input_ids.size(1), dtype=7, device=device)
                base = torch.add(torch.mul(torch.to(input_ids, 7), 0.37), torch.mul(positions, 0.5))
                steps = torch.arange(1, 5, dtype=7, device=device)
                angles = torch.mul(torch.unsqueeze(base, -1), steps)
                features = torch.cat([torch.sin(angles), torch.cos(angles)], -1)
                seen = torch.clamp_min(torch.cumsum(mask, 1), 1.)
                hidden = torch.mul(torch.div(torch.cumsum(torch.mul(features, mask), 1), seen), mask)
                return VALUE
            """;

    private TinyCausalTorchScript() {}

    /**
     * Writes the module as a TorchScript archive.
     *
     * @param file the {@code .pt} file to write
     * @param output what the module returns
     * @return {@code file}
     * @throws IOException when the file cannot be written
     */
    static Path write(Path file, Output output) throws IOException {
        String body = BODY.replace("TYPE", output.type).replace("VALUE", output.value);
        return Files.write(file, new TorchScriptSource("TinyCausalLm", body).archive());
    }

    /**
     * Computes the module's hidden state in Java.
     *
     * @param ids the token ids of one unpadded sequence
     * @param position the position, in {@code [0, ids.length)}
     * @return the float32 hidden state at {@code position}
     */
    static float[] state(long[] ids, int position) {
        double[] sum = new double[HIDDEN];
        for (int s = 0; s <= position; s++) {
            double base = ids[s] * 0.37 + s * 0.5;
            for (int k = 0; k < HIDDEN / 2; k++) {
                double angle = base * (k + 1);
                sum[k] += Math.sin(angle);
                sum[HIDDEN / 2 + k] += Math.cos(angle);
            }
        }
        float[] state = new float[HIDDEN];
        for (int h = 0; h < HIDDEN; h++) {
            state[h] = (float) (sum[h] / (position + 1));
        }
        return state;
    }
}
