package io.rewardloop.model.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.backbone.Features;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.backbone.Truncation;
import io.rewardloop.model.heads.PolicySamples;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyFeaturesTest {

    /** Features from text lengths: h_y = (|response|, 1), h_x = (|prompt|, 0). */
    private static final Backbone LENGTHS =
            new Backbone() {
                @Override
                public String id() {
                    return "lengths@2";
                }

                @Override
                public int dimension() {
                    return 2;
                }

                @Override
                public Features embed(List<PromptResponse> batch) {
                    float[][] responses = new float[batch.size()][];
                    float[][] prompts = new float[batch.size()][];
                    for (int i = 0; i < batch.size(); i++) {
                        responses[i] = new float[] {batch.get(i).response().length(), 1};
                        prompts[i] = new float[] {batch.get(i).prompt().length(), 0};
                    }
                    return new Features(
                            responses,
                            prompts,
                            Collections.nCopies(batch.size(), Truncation.NONE),
                            new int[batch.size()]);
                }

                @Override
                public void close() {}
            };

    @Test
    void shouldGroupResponseFeaturesUnderTheirPrompt() {
        List<List<PromptResponse>> groups =
                List.of(
                        List.of(new PromptResponse("hi", "a"), new PromptResponse("hi", "bbb")),
                        List.of(
                                new PromptResponse("hello", "cc"),
                                new PromptResponse("hello", "d"),
                                new PromptResponse("hello", "eeee")));

        PolicySamples samples = PolicyFeatures.embed(groups, LENGTHS, EmbeddingProgress.NONE);

        assertThat(samples.size()).isEqualTo(2);
        assertThat(samples.prompt(0)).containsExactly(2f, 0f);
        assertThat(samples.prompt(1)).containsExactly(5f, 0f);
        assertThat(samples.responses(0)).isDeepEqualTo(new float[][] {{1f, 1f}, {3f, 1f}});
        assertThat(samples.responses(1))
                .isDeepEqualTo(new float[][] {{2f, 1f}, {1f, 1f}, {4f, 1f}});
        assertThat(samples.length(1, 2)).isEqualTo(4);
    }
}
