package io.rewardloop.model.backbone;

/** Ordinary English prose that the benchmark cuts into prompts and responses. */
final class BenchmarkText {

    static final String CORPUS =
            "The reward model reads a prompt and a response and returns a score for each objective."
                    + " Annotators compare two answers to the same question and say which one they"
                    + " prefer, sometimes with a strength, sometimes calling it a tie. A good answer is"
                    + " helpful, correct and coherent; it follows the instructions, it is honest about"
                    + " what it does not know, and it is safe. Verbosity is measured too, because"
                    + " longer answers tend to be rated higher whether or not they are better. The"
                    + " gating network looks at the prompt alone and decides which objectives matter"
                    + " for it: a coding question weighs correctness and readability, a request for a"
                    + " poem weighs style and creativity, a medical question weighs safety and"
                    + " honesty. During reinforcement learning the policy changes, and the responses"
                    + " it produces drift away from those the reward model was trained on; the model"
                    + " must stay discriminative on the new distribution, which is why it is retrained"
                    + " between rounds on fresh feedback and on samples of the latest policy. ";

    private BenchmarkText() {}
}
