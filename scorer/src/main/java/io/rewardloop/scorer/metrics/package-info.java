/**
 * The scorer's meters (Micrometer, served in Prometheus' format by the service kit) and its health.
 */
package io.rewardloop.scorer.metrics;
