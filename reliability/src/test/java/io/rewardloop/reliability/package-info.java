/**
 * The reliability suite: the loop's services run in child JVMs from the launcher's jar, exactly as
 * {@code ./rlhf} runs them, while the tests restart the broker or kill services with SIGKILL under
 * traffic, then account for every record.
 */
package io.rewardloop.reliability;
