package io.rewardloop.retrainer.it;

import io.rewardloop.common.ConfigSource;
import io.rewardloop.kafka.ChildJvm;
import io.rewardloop.retrainer.RetrainerApp;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * A retrainer in a child JVM, so a test can kill it the hard way (SIGKILL), like a crash.
 *
 * @param jvm the running JVM
 * @param httpPort its HTTP port on 127.0.0.1
 */
record RetrainerProcess(ChildJvm jvm, int httpPort) {

    /** Starts a retrainer with the given settings (keys as in README, e.g. retrainer.seed). */
    static RetrainerProcess start(String bootstrap, Map<String, String> settings)
            throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> env = new HashMap<>();
        env.put("BOOTSTRAP_SERVERS", bootstrap);
        env.put("SCHEMA_REGISTRY_URL", "embedded");
        env.put("RETRAINER_HTTP_PORT", String.valueOf(port));
        env.put("RETRAINER_HTTP_BIND", "127.0.0.1");
        settings.forEach((key, value) -> env.put(ConfigSource.environmentName(key), value));
        return new RetrainerProcess(ChildJvm.start(RetrainerApp.class, "1g", env), port);
    }
}
