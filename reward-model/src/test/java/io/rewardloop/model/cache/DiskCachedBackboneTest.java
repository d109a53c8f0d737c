package io.rewardloop.model.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.backbone.Features;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.backbone.Truncation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCachedBackboneTest {

    @TempDir Path dir;

    @Test
    void shouldEmbedEachPairOnceAcrossInstancesAndKeepInputOrder() {
        CountingBackbone first = new CountingBackbone();
        List<PromptResponse> batch =
                List.of(
                        new PromptResponse("p", "a"),
                        new PromptResponse("p", "bb"),
                        new PromptResponse("p", "a"));
        Features direct;
        try (DiskCachedBackbone cached = new DiskCachedBackbone(first, dir)) {
            direct = cached.embed(batch);
            cached.embed(batch);
        }
        assertThat(first.embedded)
                .containsExactly(new PromptResponse("p", "a"), new PromptResponse("p", "bb"));

        CountingBackbone second = new CountingBackbone();
        try (DiskCachedBackbone reopened = new DiskCachedBackbone(second, dir)) {
            Features again =
                    reopened.embed(
                            List.of(new PromptResponse("p", "bb"), new PromptResponse("p", "a")));

            assertThat(second.embedded).isEmpty();
            assertThat(reopened.size()).isEqualTo(2);
            assertThat(again.responseFeatures()[0]).containsExactly(direct.responseFeatures()[1]);
            assertThat(again.responseFeatures()[1]).containsExactly(direct.responseFeatures()[0]);
            assertThat(again.truncations()).containsExactly(Truncation.RESPONSE, Truncation.NONE);
            assertThat(again.tokenCounts()).containsExactly(2, 1);
        }
    }

    /**
     * A stand-in backbone (the real one is tested in the backbone package): features from text
     * length.
     */
    private static final class CountingBackbone implements Backbone {
        final List<PromptResponse> embedded = new ArrayList<>();

        @Override
        public String id() {
            return "counting@2";
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public Features embed(List<PromptResponse> batch) {
            embedded.addAll(batch);
            int n = batch.size();
            float[][] responses = new float[n][];
            float[][] prompts = new float[n][];
            int[] tokens = new int[n];
            List<Truncation> truncations = new ArrayList<>(Collections.nCopies(n, Truncation.NONE));
            for (int i = 0; i < n; i++) {
                int length = batch.get(i).response().length();
                responses[i] = new float[] {length, -length};
                prompts[i] = new float[] {batch.get(i).prompt().length(), 0};
                tokens[i] = length;
                if (length > 1) {
                    truncations.set(i, Truncation.RESPONSE);
                }
            }
            return new Features(responses, prompts, truncations, tokens);
        }

        @Override
        public void close() {}
    }
}
