package io.rewardloop.schemas.serde;

import java.util.Optional;

/**
 * Why and from where a record was dead-lettered, as read back from its headers by {@link
 * DeadLetters#read}.
 *
 * @param reason the reason given, e.g. {@code UNKNOWN_MAGIC_BYTE} or a validation message
 * @param sourceTopic the topic the original record was on
 * @param sourcePartition its partition
 * @param sourceOffset its offset
 * @param errorClass the class of the error, when there was one
 * @param errorMessage the error's message, when there was one
 */
public record DeadLetterInfo(
        String reason,
        String sourceTopic,
        int sourcePartition,
        long sourceOffset,
        Optional<String> errorClass,
        Optional<String> errorMessage) {}
