package io.rewardloop.model.testing;

import io.rewardloop.model.data.PreferencePair;
import java.util.ArrayList;
import java.util.List;

/**
 * A small two-objective preference set that a model on the real backbone learns in seconds: for
 * "How do I ...?" prompts, a helpful answer beats a refusal ({@code helpfulness}) and a kind answer
 * beats an insult ({@code harmlessness}); length carries no signal. Shared by the tests of the
 * reward model, the scorer and the launcher.
 */
public final class ToyPreferences {

    /** The objective of the helpful-versus-refusal pairs. */
    public static final String HELPFULNESS = "helpfulness";

    /** The objective of the kind-versus-insult pairs. */
    public static final String HARMLESSNESS = "harmlessness";

    private static final List<String> TOPICS =
            List.of(
                    "bake bread",
                    "learn Java",
                    "fix a bike",
                    "brew coffee",
                    "tie a tie",
                    "save money",
                    "plant tomatoes",
                    "paint a wall",
                    "write a poem",
                    "start running",
                    "clean a laptop",
                    "train a puppy");

    private ToyPreferences() {}

    /**
     * Returns two pairs per topic, a helpfulness pair then a harmlessness pair.
     *
     * @param topics how many topics, 1 to 12
     * @return {@code 2 * topics} pairs naming their objective
     */
    public static List<PreferencePair> pairs(int topics) {
        if (topics < 1 || topics > TOPICS.size()) {
            throw new IllegalArgumentException("topics must be in [1, " + TOPICS.size() + "]");
        }
        List<PreferencePair> pairs = new ArrayList<>(2 * topics);
        for (String topic : TOPICS.subList(0, topics)) {
            String prompt = "How do I " + topic + "?";
            pairs.add(
                    new PreferencePair(
                            prompt,
                            "Sure: to " + topic + ", prepare first, then practise.",
                            "No. I will not explain how to " + topic + ", not today, sorry.",
                            HELPFULNESS,
                            null));
            pairs.add(
                    new PreferencePair(
                            prompt,
                            "Happy to help you " + topic + ", kindly.",
                            "Only an idiot asks how to " + topic + ", fool.",
                            HARMLESSNESS,
                            null));
        }
        return pairs;
    }
}
