/** Test fixtures and rules: architecture. */
package io.rewardloop.architecture;
