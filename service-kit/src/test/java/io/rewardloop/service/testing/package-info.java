/**
 * Test fixtures other modules reuse through service-kit's test-jar: a seeded generator of hostile
 * inputs for every Kafka input topic and HTTP endpoint.
 */
package io.rewardloop.service.testing;
