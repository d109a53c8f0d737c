package io.rewardloop.channel;

import io.rewardloop.events.ModelPublished;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Which records of one lineage a follower accepts, in log order. A record that passed its checks
 * (decoding, size limit, artifact location, signature) is accepted when
 *
 * <ul>
 *   <li>its version orders after every version accepted before it (the lineage's high-water mark,
 *       {@link VersionOrder}), or
 *   <li>it is a rollback record ({@code rollback = true}), whatever its version.
 * </ul>
 *
 * The model to score with is the newest accepted record that loads; when it does not (corrupt
 * artifact, misfit), the one accepted before it, and so on. A rollback does not lower the
 * high-water mark, so a replayed old record cannot undo it and the next new version must still
 * order after every version published before. Pure: no I/O, the same rule for catch-up, live
 * following and {@code rlhf models list}. Only the last {@value #FALLBACK_DEPTH} accepted records
 * are kept (with inline artifacts, they are the memory a follower holds).
 */
public final class VersionRule {

    /** How many accepted records are kept to fall back through. */
    public static final int FALLBACK_DEPTH = 16;

    private String highWater;
    private final List<ModelPublished> accepted = new ArrayList<>();

    /**
     * Applies the rule to the next record of the lineage.
     *
     * @param record a record that passed its checks
     * @return empty when accepted, else why not
     */
    public Optional<String> offer(ModelPublished record) {
        String version = record.getVersion();
        if (!record.getRollback()) {
            if (highWater != null && VersionOrder.INSTANCE.compare(version, highWater) <= 0) {
                return Optional.of(
                        "version "
                                + version
                                + " does not order after "
                                + highWater
                                + ", accepted before (not a rollback)");
            }
            highWater = version;
        }
        accepted.add(record);
        if (accepted.size() > FALLBACK_DEPTH) {
            accepted.remove(0);
        }
        return Optional.empty();
    }

    /**
     * The accepted records, newest first: the order in which to try loading them.
     *
     * @return a new list
     */
    public List<ModelPublished> newestFirst() {
        List<ModelPublished> out = new ArrayList<>(accepted);
        Collections.reverse(out);
        return out;
    }

    /**
     * The newest accepted record.
     *
     * @return the record, empty before any
     */
    public Optional<ModelPublished> newest() {
        return accepted.isEmpty()
                ? Optional.empty()
                : Optional.of(accepted.get(accepted.size() - 1));
    }

    /**
     * The highest version accepted without being a rollback.
     *
     * @return the version, empty before any
     */
    public Optional<String> highWater() {
        return Optional.ofNullable(highWater);
    }
}
