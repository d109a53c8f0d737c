/** Evaluation of a reward model on held-out preference pairs. */
package io.rewardloop.model.eval;
