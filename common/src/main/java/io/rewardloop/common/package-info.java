/** What every module shares: the project's one runtime exception root and typed configuration. */
package io.rewardloop.common;
