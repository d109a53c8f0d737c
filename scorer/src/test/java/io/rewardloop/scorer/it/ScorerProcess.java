package io.rewardloop.scorer.it;

import io.rewardloop.kafka.ChildJvm;
import io.rewardloop.scorer.ScorerApp;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Starts a scorer in a child JVM, so a test can kill it the hard way (SIGKILL), like a crash. */
final class ScorerProcess {

    private ScorerProcess() {}

    static ChildJvm start(String bootstrap, String instanceId) throws IOException {
        return start(bootstrap, instanceId, Map.of());
    }

    /** Starts a scorer with extra environment variables, e.g. {@code SCORER_MAX_POLL_RECORDS}. */
    static ChildJvm start(String bootstrap, String instanceId, Map<String, String> extraEnv)
            throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("BOOTSTRAP_SERVERS", bootstrap);
        env.put("SCHEMA_REGISTRY_URL", "embedded");
        env.put("SCORER_INSTANCE_ID", instanceId);
        env.put("SCORER_HTTP_PORT", "-1");
        env.put("SCORER_TRANSACTION_TIMEOUT", "PT10S");
        env.putAll(extraEnv);
        return ChildJvm.start(ScorerApp.class, "1g", env);
    }
}
