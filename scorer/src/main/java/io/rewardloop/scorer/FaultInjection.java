package io.rewardloop.scorer;

import java.util.function.IntConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tests only ({@link LoopSettings#FAULT_HALT_AFTER_SENDS}): halts the JVM after the Nth
 * transaction's records and offsets have been sent and flushed to the broker, before the commit, so
 * a test can prove that such a transaction is never seen by read_committed readers and that its
 * records are scored again, once, by the instance that takes over.
 */
final class FaultInjection {

    private static final Logger LOG = LoggerFactory.getLogger(FaultInjection.class);

    private final int haltAfterSends;
    private final IntConsumer halt;
    private int transactions;

    /**
     * @param haltAfterSends which transaction to halt in (1 = the first), 0 = never
     * @param halt what halting does ({@code Runtime.getRuntime()::halt} outside unit tests)
     */
    FaultInjection(int haltAfterSends, IntConsumer halt) {
        this.haltAfterSends = haltAfterSends;
        this.halt = halt;
    }

    static FaultInjection of(LoopSettings settings) {
        return new FaultInjection(settings.haltAfterSends(), Runtime.getRuntime()::halt);
    }

    /** Called after a transaction's sends, before its commit. */
    void beforeCommit(Producer<byte[], byte[]> producer, int records) {
        if (haltAfterSends <= 0 || ++transactions != haltAfterSends) {
            return;
        }
        producer.flush();
        LOG.error(
                "FAULT INJECTION ({}={}): halting the JVM after sending {} records of transaction"
                        + " {}, before its commit",
                LoopSettings.FAULT_HALT_AFTER_SENDS,
                haltAfterSends,
                records,
                transactions);
        halt.accept(LoopSettings.HALT_STATUS);
    }
}
