package io.rewardloop.launcher;

import io.rewardloop.model.data.PreferencePair;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One HH-RLHF pair as the demo's policy emits it: both responses with ids of their own under one
 * prompt id, so the annotators can name them by id.
 *
 * @param promptId the prompt's id
 * @param chosenId the id of the response the human chose
 * @param rejectedId the id of the other response
 * @param pair the texts and the objective
 */
record DemoPair(String promptId, String chosenId, String rejectedId, PreferencePair pair) {

    /**
     * Gives a round's pairs their ids. Which response is sent first ({@code -a}) is drawn with the
     * seed, so neither the id nor the order tells the human choice.
     *
     * @param run the run's id, which keeps ids unique across runs on one cluster
     * @param round the round, from 1
     * @param pairs the round's pairs
     * @param seed the draw's seed
     * @return the pairs with ids, in order
     */
    static List<DemoPair> of(String run, int round, List<PreferencePair> pairs, long seed) {
        Random random = new Random(seed + round);
        List<DemoPair> out = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            String promptId = run + "-r" + round + "-p" + i;
            boolean chosenFirst = random.nextBoolean();
            out.add(
                    new DemoPair(
                            promptId,
                            promptId + (chosenFirst ? "-a" : "-b"),
                            promptId + (chosenFirst ? "-b" : "-a"),
                            pairs.get(i)));
        }
        return out;
    }
}
