package io.rewardloop.registry;

/**
 * Where the registry's changes go, in order: every instance applies the same records to its {@link
 * RegistryState}. {@link KafkaJournal} keeps them in a compacted topic.
 */
interface Journal {

    /**
     * Writes a record and returns once this instance's state shows it.
     *
     * @param record the change
     * @throws RegistryError (500) when the record cannot be written or read back in time
     */
    void append(JournalRecord record);

    /**
     * Returns once the state shows every record written before the call, by any instance, so that
     * the next id and version are decided on the whole history.
     *
     * @throws RegistryError (500) when the storage cannot be read to its end in time
     */
    void catchUp();
}
