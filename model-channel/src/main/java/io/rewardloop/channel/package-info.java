/** The model channel: everything about {@code rlhf.models}, used by services as peers. */
package io.rewardloop.channel;
