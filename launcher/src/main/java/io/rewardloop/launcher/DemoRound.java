package io.rewardloop.launcher;

import io.rewardloop.events.DriftDetected;
import java.util.List;

/**
 * One round's figures, as its table row shows them.
 *
 * @param round the round, from 1
 * @param distribution where its prompts came from (helpful-base or harmless-base)
 * @param responses responses the policy emitted
 * @param scoredPerSecond responses scored a second, from the first sent to the last reward read
 * @param feedbackAccepted labels the ingest accepted
 * @param liveVersions the version(s) that scored the round's responses
 * @param agreement share of the round's pairs whose chosen response scored strictly higher
 * @param pairs the round's pairs
 * @param alarms the drift alarms seen on rlhf.control during the round
 */
record DemoRound(
        int round,
        String distribution,
        int responses,
        double scoredPerSecond,
        int feedbackAccepted,
        String liveVersions,
        double agreement,
        int pairs,
        List<DriftDetected> alarms) {}
