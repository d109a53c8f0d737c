/**
 * The status page: a service that follows the reward loop's topics into small, bounded time-bucket
 * aggregates and serves them as {@code /status.json} and one HTML page of Apache ECharts plots.
 */
package io.rewardloop.status;
