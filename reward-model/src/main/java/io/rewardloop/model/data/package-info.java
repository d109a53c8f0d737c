/**
 * Reading human-preference data: pairwise files (JSONL or HH-RLHF dialogues, gzipped or not) and
 * absolute ratings, with errors that name the file and line.
 */
package io.rewardloop.model.data;
