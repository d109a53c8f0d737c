/**
 * HTTP serving for every service, on Javalin (Jetty 12): {@link
 * io.rewardloop.service.http.HttpService} with {@code /health}, {@code /metrics} (Micrometer's
 * Prometheus registry), optional bearer-token auth and RFC 9457 problem responses.
 */
package io.rewardloop.service.http;
