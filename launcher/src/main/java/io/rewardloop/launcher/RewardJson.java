package io.rewardloop.launcher;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.events.ObjectiveReward;
import io.rewardloop.events.RewardScored;
import io.rewardloop.model.scoring.MultiObjectiveReward;
import java.util.List;

/**
 * The one JSON shape of a reward that {@code rlhf score} and {@code rlhf replay} print: {@code
 * score}, {@code modelVersion}, {@code truncation} and per objective its {@code reward}, {@code
 * debiased} reward and {@code gating} weight, in the model's objective order.
 */
final class RewardJson {

    private RewardJson() {}

    /**
     * A reward computed in this process.
     *
     * @param reward the model's output for one pair
     * @param version the model version
     * @param objectives the model's objective names, in its order
     * @return the JSON object
     */
    static ObjectNode of(MultiObjectiveReward reward, String version, List<String> objectives) {
        ObjectNode json = header(reward.score(), version, reward.truncation().name());
        ObjectNode byName = json.putObject("objectives");
        for (int k = 0; k < objectives.size(); k++) {
            put(
                    byName,
                    objectives.get(k),
                    reward.rewards()[k],
                    reward.debiasedRewards()[k],
                    reward.gatingWeights()[k]);
        }
        return json;
    }

    /**
     * A reward the scorer published on {@code rlhf.rewards}.
     *
     * @param event the scorer's record
     * @return the JSON object
     */
    static ObjectNode of(RewardScored event) {
        ObjectNode json =
                header(event.getScore(), event.getModelVersion(), event.getTruncation().name());
        ObjectNode byName = json.putObject("objectives");
        for (ObjectiveReward objective : event.getObjectives()) {
            put(
                    byName,
                    objective.getObjective(),
                    objective.getReward(),
                    objective.getDebiasedReward(),
                    objective.getGatingWeight());
        }
        return json;
    }

    private static ObjectNode header(double score, String version, String truncation) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("score", score);
        json.put("modelVersion", version);
        json.put("truncation", truncation);
        return json;
    }

    private static void put(
            ObjectNode byName, String name, double reward, double debiased, double gating) {
        ObjectNode objective = byName.putObject(name);
        objective.put("reward", reward);
        objective.put("debiased", debiased);
        objective.put("gating", gating);
    }
}
