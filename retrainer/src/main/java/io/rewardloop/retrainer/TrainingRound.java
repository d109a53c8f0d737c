package io.rewardloop.retrainer;

import io.rewardloop.events.RoundOutcome;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.data.RatedExample;
import io.rewardloop.model.heads.PairSet;
import io.rewardloop.model.heads.TrainingResult;
import io.rewardloop.model.training.HeadKind;
import io.rewardloop.model.training.PairFeatures;
import io.rewardloop.model.training.RewardModelTraining;
import io.rewardloop.model.training.TrainingRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One training round, start to verdict, on a snapshot of the feedback:
 *
 * <ol>
 *   <li>hold out the newest share of the labelled pairs (by record time): neither model trained on
 *       them;
 *   <li>train the candidate on the rest, and on every rating, as {@code rlhf train} does (one code
 *       path: {@link RewardModelTraining}), with the round's robust-training options;
 *   <li>score the held-out pairs with the candidate and with the live model, and let the {@link
 *       PairedGate} decide;
 *   <li>return the candidate, named as the caller says ({@link VersionNames}), with its lineage
 *       (parent, trigger, data counts, offsets consumed, both models' figures) in its metrics.
 * </ol>
 *
 * Publishing is the caller's: a round has no side effects, so a killed round leaves nothing.
 */
public final class TrainingRound {

    /** Metric: the {@code rlhf.control} offset of the request a version answered. */
    public static final String REQUEST_OFFSET = "lineage.request.offset";

    /** Metric: the candidate's accuracy on the round's held-out pairs. */
    public static final String HELDOUT_ACCURACY = "candidate.heldout.accuracy";

    /** Metric: labelled pairs read when the version was trained (the count trigger's base). */
    public static final String PAIRS_TOTAL = "data.pairs.total";

    private final RoundSettings settings;
    private final CandidateTraining training;
    private final Consumer<RoundProgress> progress;

    /**
     * Creates a round runner.
     *
     * @param settings the round's settings
     * @param training how the candidate is trained
     * @param progress told as the round goes
     */
    public TrainingRound(
            RoundSettings settings, CandidateTraining training, Consumer<RoundProgress> progress) {
        this.settings = settings;
        this.training = training;
        this.progress = progress;
    }

    /**
     * Runs the round.
     *
     * @param request what asked for it
     * @param data the feedback so far
     * @param live the live version, or null
     * @param version the version the candidate gets
     * @param backbone the backbone of the live version (or the configured one), feature-cached
     * @param start the progress at the start
     * @return the result; never published here
     */
    public RoundResult run(
            RoundRequest request,
            FeedbackLog.Snapshot data,
            LiveModel live,
            String version,
            Backbone backbone,
            RoundProgress start) {
        String parent = live == null ? null : live.version();
        Map<String, Double> metrics = lineage(request, data);
        List<PreferencePair> pairs = data.pairs().stream().map(FeedbackLog.Labelled::item).toList();
        int heldOut = (int) Math.ceil(settings.evalFraction() * pairs.size());
        int train = pairs.size() - heldOut;
        if (heldOut < settings.minEvalPairs() || train < settings.minTrainPairs()) {
            return new RoundResult(
                    RoundOutcome.FAILED,
                    String.format(
                            java.util.Locale.ROOT,
                            "not enough feedback: %d labelled pairs; a round needs %d to train on"
                                    + " and %d held out (the newest %.0f%%)",
                            pairs.size(),
                            settings.minTrainPairs(),
                            settings.minEvalPairs(),
                            100 * settings.evalFraction()),
                    version,
                    parent,
                    null,
                    metrics);
        }
        List<PreferencePair> trainPairs = pairs.subList(0, train);
        List<PreferencePair> evalPairs = pairs.subList(train, pairs.size());
        List<RatedExample> ratings =
                data.ratings().stream().map(FeedbackLog.Labelled::item).toList();
        metrics.put("data.pairs.train", (double) train);
        metrics.put("data.pairs.heldout", (double) heldOut);

        TrainingResult result =
                training.train(
                        new TrainingRequest(
                                trainPairs,
                                ratings,
                                HeadKind.ARMO,
                                settings.seed(),
                                false,
                                settings.gatingSteps()),
                        data.policyGroups(),
                        backbone,
                        start,
                        progress);
        result.metrics().asMap().forEach((k, v) -> metrics.put("candidate.train." + k, v));

        progress.accept(start.at("evaluating", 0, evalPairs.size()));
        PairFeatures features =
                PairFeatures.embed(
                        evalPairs,
                        backbone,
                        (done, total, nanos) ->
                                progress.accept(start.at("evaluating", done, total)));
        PairSet heldOutSet =
                PairSet.builder()
                        .setPrompts(features.prompts())
                        .setResponses(features.chosen(), features.rejected())
                        .optLengths(features.chosenLengths(), features.rejectedLengths())
                        .build();
        PairedGate.Verdict verdict =
                new PairedGate(settings.tolerance(), settings.alpha())
                        .judge(result.model(), live == null ? null : live.model(), heldOutSet);
        metrics.put(HELDOUT_ACCURACY, verdict.candidateAccuracy());
        metrics.put("live.heldout.accuracy", verdict.liveAccuracy());
        metrics.put("gate.delta", verdict.delta());
        metrics.put("gate.p_value", verdict.pValue());
        metrics.put("gate.tolerance", settings.tolerance());
        metrics.put("gate.alpha", settings.alpha());
        if (!verdict.pass()) {
            return new RoundResult(
                    RoundOutcome.REJECTED,
                    "not published: " + verdict.reason(),
                    version,
                    parent,
                    null,
                    metrics);
        }
        ModelArtifact.Builder artifact =
                ModelArtifact.builder()
                        .setModel(result.model())
                        .setModelVersion(version)
                        .setBackboneId(backbone.id())
                        .optMetrics(new io.rewardloop.model.heads.TrainingMetrics(metrics));
        if (parent != null) {
            artifact.optParentVersion(parent);
        }
        return new RoundResult(
                RoundOutcome.PUBLISHED,
                verdict.reason(),
                version,
                parent,
                artifact.build(),
                metrics);
    }

    private static Map<String, Double> lineage(RoundRequest request, FeedbackLog.Snapshot data) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(REQUEST_OFFSET, (double) request.offset());
        metrics.put(PAIRS_TOTAL, (double) data.pairs().size());
        metrics.put("data.ratings", (double) data.ratings().size());
        metrics.put("data.policy.groups", (double) data.policyGroups().size());
        metrics.put("data.policy.round", (double) data.policyRound());
        data.offsets()
                .forEach(
                        (partition, range) -> {
                            metrics.put("offsets." + partition + ".first", (double) range[0]);
                            metrics.put("offsets." + partition + ".last", (double) range[1]);
                        });
        return metrics;
    }
}
