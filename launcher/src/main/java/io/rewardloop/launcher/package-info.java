/**
 * The {@code rlhf} command line: {@link io.rewardloop.launcher.RlhfCommand} and its subcommands.
 * {@code up} starts the system on one machine (an embedded Kafka broker and every topic) or on an
 * existing cluster; {@code topics} creates the topics on an existing cluster and exits.
 */
package io.rewardloop.launcher;
