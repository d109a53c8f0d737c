package io.rewardloop.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What the status page shows, at one moment: small records, served as {@code /status.json}. Times
 * are epoch milliseconds; a figure with nothing behind it is null, never NaN.
 *
 * @param generatedAt when the snapshot was taken
 * @param lineage the model lineage shown
 * @param bucketMillis the width of a time bucket
 * @param caughtUp whether the topics have been read up to where they ended at start
 * @param totals records read per kind ({@code rewards}, {@code preferences}, {@code ratings},
 *     {@code control}, {@code deadLetters}, {@code skipped}, {@code droppedOld})
 * @param liveVersion the version followers score with by the rule, null before any
 * @param models every version of the lineage, in log order
 * @param objectives every objective seen in the kept reward buckets, in first-seen order
 * @param rewards reward distributions per time bucket, oldest first
 * @param feedback feedback volume per time bucket, oldest first
 * @param rejections dead-lettered feedback by reason, most frequent first
 * @param drift drift alarms, oldest first
 * @param rounds training rounds' outcomes, newest first
 * @param agreement annotator agreement from the feedback ingest
 */
public record StatusSnapshot(
        long generatedAt,
        String lineage,
        long bucketMillis,
        boolean caughtUp,
        Map<String, Long> totals,
        String liveVersion,
        List<ModelRow> models,
        List<String> objectives,
        List<RewardPoint> rewards,
        List<FeedbackPoint> feedback,
        List<Rejection> rejections,
        List<DriftPoint> drift,
        List<RoundRow> rounds,
        Agreement agreement) {

    /**
     * One published version, with its lineage metrics.
     *
     * @param version the version
     * @param parentVersion the version it was trained from, or null
     * @param trigger why it was trained
     * @param createdAt when it was published
     * @param rollback whether this record rolled the lineage back to it
     * @param sizeBytes the artifact's size
     * @param status {@code live}, {@code accepted} or {@code refused: <why>}
     * @param metrics its lineage metrics (held-out accuracies, data counts, the gate's test, ...)
     */
    public record ModelRow(
            String version,
            String parentVersion,
            String trigger,
            long createdAt,
            boolean rollback,
            long sizeBytes,
            String status,
            Map<String, Double> metrics) {}

    /**
     * Quantiles of a distribution in one bucket.
     *
     * @param p10 the 10th percentile
     * @param p50 the median
     * @param p90 the 90th percentile
     * @param mean the mean of every value (not only the sampled ones)
     */
    public record Band(Double p10, Double p50, Double p90, Double mean) {}

    /**
     * One objective in one bucket.
     *
     * @param reward the debiased reward's distribution (what enters the score)
     * @param gatingWeight the mean gating weight
     */
    public record ObjectivePoint(Band reward, Double gatingWeight) {}

    /**
     * Rewards scored in one time bucket.
     *
     * @param start the bucket's start
     * @param count rewards in it
     * @param versions rewards per model version
     * @param score the final score's distribution
     * @param objectives per objective
     */
    public record RewardPoint(
            long start,
            long count,
            Map<String, Long> versions,
            Band score,
            Map<String, ObjectivePoint> objectives) {}

    /**
     * Feedback recorded in one time bucket.
     *
     * @param start the bucket's start
     * @param preferences preferences recorded
     * @param ratings ratings recorded
     * @param rejected feedback dead-lettered
     */
    public record FeedbackPoint(long start, long preferences, long ratings, long rejected) {}

    /**
     * Dead-lettered feedback of one reason.
     *
     * @param reason the {@code rlhf.dlq.reason} header (cut), or {@code other}
     * @param count how many
     */
    public record Rejection(String reason, long count) {}

    /**
     * One drift alarm ({@code DriftDetected}).
     *
     * @param time its window's end
     * @param test detector, with the objective when the test ran per objective
     * @param modelVersion the live version tested
     * @param statistic the test statistic
     * @param pValue its p-value, or null
     * @param threshold the threshold it crossed
     * @param referenceSize reference sample size
     * @param liveSize window sample size
     * @param windowStart the window's start
     */
    public record DriftPoint(
            long time,
            String test,
            String modelVersion,
            Double statistic,
            Double pValue,
            Double threshold,
            long referenceSize,
            long liveSize,
            long windowStart) {}

    /**
     * One training round's outcome ({@code RoundFinished}).
     *
     * @param time when it was written
     * @param requestId the request it answered
     * @param outcome published, rejected or failed
     * @param reason why, in words
     * @param candidateVersion the version trained
     * @param parentVersion the live version it was judged against
     * @param trigger why the round ran
     * @param metrics held-out metrics, the gate's test, data counts
     */
    public record RoundRow(
            long time,
            String requestId,
            String outcome,
            String reason,
            String candidateVersion,
            String parentVersion,
            String trigger,
            Map<String, Double> metrics) {}

    /**
     * Annotator agreement, as the feedback ingest's {@code GET /v1/agreement} answers it.
     *
     * @param state {@code ok}, {@code not configured} or {@code unavailable}
     * @param detail what went wrong, or where it came from
     * @param figures the ingest's answer when {@code ok}, else null
     */
    public record Agreement(String state, String detail, JsonNode figures) {}
}
