/** The scorer's metrics, exposed in Prometheus' text format, and its health endpoint. */
package io.rewardloop.scorer.metrics;
