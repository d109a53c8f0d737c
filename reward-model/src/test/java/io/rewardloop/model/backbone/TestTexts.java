package io.rewardloop.model.backbone;

import java.util.List;

/** Small fixed inputs of very different lengths, shared by the backbone tests. */
final class TestTexts {

    static final String LONG_RESPONSE =
            "Photosynthesis turns light into chemical energy. In the light reactions, chlorophyll"
                    + " in the thylakoid membranes absorbs photons, splits water and releases oxygen,"
                    + " while an electron transport chain pumps protons to drive ATP synthase and"
                    + " reduces NADP+ to NADPH. In the Calvin cycle, in the stroma, the enzyme RuBisCO"
                    + " fixes carbon dioxide onto ribulose bisphosphate, and ATP and NADPH reduce the"
                    + " products to sugars that the plant uses to grow.";

    static final List<PromptResponse> PAIRS =
            List.of(
                    new PromptResponse("Hi", "Hello!"),
                    new PromptResponse(
                            "What is the capital of France?", "The capital of France is Paris."),
                    new PromptResponse("Explain photosynthesis in detail.", LONG_RESPONSE),
                    new PromptResponse(
                            "Write a haiku about autumn.",
                            "Crimson leaves falling, / the old pond holds the cold sky, / geese"
                                    + " call once, then gone."),
                    new PromptResponse("", "An empty prompt still gets a response."));

    private TestTexts() {}
}
