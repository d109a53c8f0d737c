package io.rewardloop.channel;

import io.rewardloop.model.scoring.RewardScorer;
import java.time.Duration;
import java.util.Optional;

/**
 * The live model: the one a service scores with. The {@link ModelFollower} decides which version
 * that is ({@link VersionRule}) and {@link #swap swaps} it in; the scoring loop takes {@link
 * #current()} once per batch, so a swap lands between batches, never inside one. Thread-safe.
 */
public final class ModelHolder {

    private RewardScorer current;

    /**
     * Makes a model the live one, whatever its version (the follower has applied the rule; a
     * rollback moves to an older version).
     *
     * @param model the new live model
     * @return the model it replaces, null for the first
     */
    public synchronized RewardScorer swap(RewardScorer model) {
        RewardScorer previous = current;
        current = java.util.Objects.requireNonNull(model, "model");
        notifyAll();
        return previous;
    }

    /**
     * Offers a version; it is taken only when it orders after the current one (for tests and
     * callers without a follower).
     *
     * @param candidate the new version
     * @return true when it became current
     */
    public synchronized boolean offer(RewardScorer candidate) {
        if (!isNewer(candidate.version())) {
            return false;
        }
        current = candidate;
        notifyAll();
        return true;
    }

    /**
     * Whether a version would be taken: true before the first model, then only for versions that
     * order after the current one. Lets the follower skip loading a version it would not use.
     *
     * @param version the candidate version
     * @return true when {@link #offer} would take it
     */
    public synchronized boolean isNewer(String version) {
        return current == null || VersionOrder.INSTANCE.compare(version, current.version()) > 0;
    }

    /**
     * The model to score the next batch with.
     *
     * @return the current model, empty before the first one arrives
     */
    public synchronized Optional<RewardScorer> current() {
        return Optional.ofNullable(current);
    }

    /**
     * The version of the current model.
     *
     * @return the version, or {@code none}
     */
    public synchronized String version() {
        return current == null ? "none" : current.version();
    }

    /**
     * Waits for the first model.
     *
     * @param timeout the longest wait
     * @return the model, empty if none arrived in time
     * @throws InterruptedException when interrupted while waiting
     */
    public synchronized Optional<RewardScorer> await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (current == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return Optional.of(current);
    }
}
