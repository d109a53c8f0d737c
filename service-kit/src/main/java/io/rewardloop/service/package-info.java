/** What every service shares: HTTP, health, metrics, Kafka settings, auth, the service runner. */
package io.rewardloop.service;
