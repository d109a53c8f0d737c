package io.rewardloop.retrainer;

import java.time.Instant;

/**
 * Where the running round is, for {@code GET /v1/rounds} and the log: a phase and how far into it.
 * Immutable; the round replaces it as it goes.
 *
 * @param requestId the request being answered
 * @param phase e.g. {@code embedding}, {@code training}, {@code evaluating}, {@code publishing}
 * @param done units done in this phase
 * @param total units in this phase (0 when unknown)
 * @param startedAt when the round began
 */
public record RoundProgress(
        String requestId, String phase, long done, long total, Instant startedAt) {

    /**
     * The same round in another phase or further on.
     *
     * @param newPhase the phase
     * @param newDone units done
     * @param newTotal units in the phase
     * @return the new progress
     */
    public RoundProgress at(String newPhase, long newDone, long newTotal) {
        return new RoundProgress(requestId, newPhase, newDone, newTotal, startedAt);
    }
}
