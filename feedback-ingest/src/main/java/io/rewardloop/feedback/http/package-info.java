/**
 * The feedback ingest's HTTP API: {@code POST /v1/preferences}, {@code /v1/ratings} and {@code
 * /v1/feedback}, one item or a batch, each item answered on its own, success only after the broker
 * acknowledged the item's record on {@code rlhf.feedback}; {@code GET /openapi.json}.
 */
package io.rewardloop.feedback.http;
