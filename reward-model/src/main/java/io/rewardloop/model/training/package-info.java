/**
 * From data files to a trained, evaluated reward model: embedding pairs and ratings with a backbone
 * (with progress), choosing the objectives, and pairwise evaluation. The {@code rlhf train / eval}
 * commands and, later, the retrainer use it.
 */
package io.rewardloop.model.training;
