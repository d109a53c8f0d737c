package io.rewardloop.launcher;

import io.rewardloop.registry.SchemaRegistryServer;
import io.rewardloop.schemas.Topic;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** What the command line tells its user: the topic table, the stack, the smoke-test results. */
final class ConsoleReport {

    private static final String TOPIC_ROW = "  %-24s %10s  %-8s %-7s %-19s %s%n";
    private static final String SMOKE_ROW = "  %-4s %-17s %-30s %6d ms  %s%n";

    private ConsoleReport() {}

    /**
     * Prints one row per topic: name, partitions, cleanup policy, key and value types, DLQ.
     *
     * @param out where to print
     * @param topics the topics
     */
    static void topics(PrintWriter out, List<Topic<?, ?>> topics) {
        out.printf(TOPIC_ROW, "TOPIC", "PARTITIONS", "CLEANUP", "KEY", "VALUE", "DEAD LETTERS");
        for (Topic<?, ?> t : topics) {
            out.printf(
                    TOPIC_ROW,
                    t.name(),
                    t.partitions(),
                    t.cleanupPolicy().configValue(),
                    t.keyType().getSimpleName(),
                    t.valueType().getSimpleName(),
                    t.deadLetterTopic().orElse("-"));
        }
        out.flush();
    }

    /**
     * Prints where the stack runs and how long it took to start.
     *
     * @param out where to print
     * @param stack the running stack
     * @param config its configuration
     */
    static void stack(PrintWriter out, KafkaStack stack, UpConfig config) {
        String where =
                !stack.embedded()
                        ? "existing cluster"
                        : config.kafkaLogDir()
                                .map(dir -> "embedded broker, data kept in " + dir)
                                .orElse("embedded broker, data in a temporary directory");
        out.printf("Kafka            %s  (%s)%n", stack.bootstrapServers(), where);
        out.printf(
                "Schema Registry  %s%n",
                stack.servedRegistryUrl()
                        .map(
                                url ->
                                        url
                                                + "  (served here, stored in topic "
                                                + SchemaRegistryServer.DEFAULT_TOPIC
                                                + ")")
                        .orElse(config.schemaRegistryUrl()));
        out.printf("Topics           %d%n", stack.topics().size());
        topics(out, stack.topics());
        out.printf(
                Locale.ROOT,
                "Broker and topics ready in %.1f s.%n",
                stack.startup().toMillis() / 1000.0);
        out.flush();
    }

    /**
     * Prints one row per smoke sample and a verdict.
     *
     * @param out where to print
     * @param results the smoke-test results
     * @return whether every sample passed
     */
    static boolean smoke(PrintWriter out, List<SmokeCheck.Result> results) {
        long passed = results.stream().filter(SmokeCheck.Result::passed).count();
        for (SmokeCheck.Result r : results) {
            out.printf(
                    SMOKE_ROW,
                    r.passed() ? "ok" : "FAIL",
                    r.topic(),
                    r.eventType(),
                    r.took().toMillis(),
                    r.detail());
        }
        boolean ok = !results.isEmpty() && passed == results.size();
        out.printf(
                "Smoke test %s: %d of %d event types round-tripped.%n",
                ok ? "passed" : "FAILED", passed, results.size());
        out.flush();
        return ok;
    }
}
