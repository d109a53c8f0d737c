/** Integration tests of the scorer against a real broker and the real backbone. */
package io.rewardloop.scorer.it;
