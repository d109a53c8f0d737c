package io.rewardloop.retrainer;

import io.rewardloop.events.RoundOutcome;
import io.rewardloop.model.artifact.ModelArtifact;
import java.util.Map;

/**
 * What a round produced.
 *
 * @param outcome published (once the publisher has sent it), rejected, or failed
 * @param reason why, in words a user can act on
 * @param candidateVersion the version the candidate has (or would have had)
 * @param parentVersion the live version it was judged against, or null
 * @param candidate the model to publish when the gate passed it, else null
 * @param metrics both models' held-out figures, the test, data counts and offsets
 */
public record RoundResult(
        RoundOutcome outcome,
        String reason,
        String candidateVersion,
        String parentVersion,
        ModelArtifact candidate,
        Map<String, Double> metrics) {}
