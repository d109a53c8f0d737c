/**
 * Annotator agreement: a Kafka Streams topology ({@link
 * io.rewardloop.feedback.agreement.AgreementTopology}) that gathers the votes of several annotators
 * on the same preference pair and the ratings of the same response, the statistics over them
 * (pairwise agreement rate, Krippendorff's alpha, each annotator's agreement with the others) and
 * their HTTP route {@code GET /v1/agreement} served from the topology's stores (interactive
 * queries).
 */
package io.rewardloop.feedback.agreement;
