/**
 * A disk cache of backbone features, so repeated training and evaluation runs over the same texts
 * embed each (prompt, response) pair once.
 */
package io.rewardloop.model.cache;
