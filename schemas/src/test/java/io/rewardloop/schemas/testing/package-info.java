/**
 * Test support shared with other modules through this module's test-jar: an in-process Schema
 * Registry ({@link io.rewardloop.schemas.testing.FakeSchemaRegistryServer}) and realistic sample
 * events ({@link io.rewardloop.schemas.SampleEvents}).
 */
package io.rewardloop.schemas.testing;
