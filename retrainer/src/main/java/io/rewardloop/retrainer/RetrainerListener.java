package io.rewardloop.retrainer;

import java.util.List;

/** Hears what the retrainer's leader does (metrics, the progress endpoint, tests). */
public interface RetrainerListener {

    /**
     * Leadership changed.
     *
     * @param leader true when this instance now runs the rounds
     */
    default void onLeadership(boolean leader) {}

    /**
     * A round ended and its outcome is on {@code rlhf.control}.
     *
     * @param requests the requests it answered
     * @param result what it produced
     */
    default void onRoundFinished(List<RoundRequest> requests, RoundResult result) {}
}
