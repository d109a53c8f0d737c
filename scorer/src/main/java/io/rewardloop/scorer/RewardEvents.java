package io.rewardloop.scorer;

import io.rewardloop.events.ObjectiveReward;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.events.RewardScored;
import io.rewardloop.model.backbone.Truncation;
import io.rewardloop.model.scoring.MultiObjectiveReward;
import io.rewardloop.model.scoring.RewardScorer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the {@code RewardScored} event for one scored response. */
public final class RewardEvents {

    private RewardEvents() {}

    /**
     * The event of a response scored with its text as given (nothing cut before the model; the
     * backbone may still cut to its token limit, which the event's truncation says).
     *
     * @param response the response
     * @param reward what the model gave it
     * @param model the version that scored it
     * @param latencyMs receipt to score
     * @param scoredAt when
     * @return the event
     */
    public static RewardScored toEvent(
            ResponseGenerated response,
            MultiObjectiveReward reward,
            RewardScorer model,
            double latencyMs,
            Instant scoredAt) {
        return build(response, reward, model, reward.truncation(), latencyMs, scoredAt);
    }

    static RewardScored toEvent(
            ResponseGenerated response,
            ResponseCheck.Verdict verdict,
            MultiObjectiveReward reward,
            RewardScorer model,
            double latencyMs,
            Instant scoredAt) {
        Truncation byModel = reward.truncation();
        Truncation combined =
                Truncation.of(
                        verdict.promptCut()
                                || byModel == Truncation.PROMPT
                                || byModel == Truncation.BOTH,
                        verdict.responseCut()
                                || byModel == Truncation.RESPONSE
                                || byModel == Truncation.BOTH);
        return build(response, reward, model, combined, latencyMs, scoredAt);
    }

    private static RewardScored build(
            ResponseGenerated response,
            MultiObjectiveReward reward,
            RewardScorer model,
            Truncation truncation,
            double latencyMs,
            Instant scoredAt) {
        List<String> names = model.objectives();
        List<ObjectiveReward> objectives = new ArrayList<>(names.size());
        for (int k = 0; k < names.size(); k++) {
            objectives.add(
                    new ObjectiveReward(
                            names.get(k),
                            reward.rewards()[k],
                            reward.debiasedRewards()[k],
                            reward.gatingWeights()[k]));
        }
        return RewardScored.newBuilder()
                .setResponseId(response.getResponseId())
                .setPromptId(response.getPromptId())
                .setPolicyVersion(response.getPolicyVersion())
                .setRlhfRound(response.getRlhfRound())
                .setModelVersion(model.version())
                .setObjectives(objectives)
                .setScore(reward.score())
                .setTruncation(io.rewardloop.events.Truncation.valueOf(truncation.name()))
                .setScoringLatencyMs(latencyMs)
                .setScoredAt(scoredAt)
                .build();
    }
}
