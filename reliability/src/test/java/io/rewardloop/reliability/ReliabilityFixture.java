package io.rewardloop.reliability;

import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.channel.ModelPublisher;
import io.rewardloop.events.RetrainTrigger;
import io.rewardloop.kafka.EmbeddedKafkaBroker;
import io.rewardloop.model.artifact.ModelArtifact;
import io.rewardloop.model.backbone.MiniLmBackbone;
import io.rewardloop.model.heads.TrainingMetrics;
import io.rewardloop.model.heads.TrainingProgressListener;
import io.rewardloop.model.testing.ToyPreferences;
import io.rewardloop.model.training.EmbeddingProgress;
import io.rewardloop.model.training.HeadKind;
import io.rewardloop.model.training.RewardModelTraining;
import io.rewardloop.model.training.TrainingRequest;
import io.rewardloop.retrainer.TrainingRound;
import io.rewardloop.schemas.TopicAdmin;
import io.rewardloop.service.KafkaSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A real embedded broker on a fixed port and a kept log directory, so that it can be stopped and
 * started again on the same data; every topic; and the first model version, trained on the toy
 * preferences through the real all-MiniLM-L6-v2 backbone, published on {@code rlhf.models}.
 */
final class ReliabilityFixture implements AutoCloseable {

    /** The model lineage the scorer follows and the retrainer trains. */
    static final String LINEAGE = "default";

    /** The version the test publishes; the retrainer's rounds name theirs after it. */
    static final String FIRST_VERSION = "v0001";

    private static ModelArtifact firstModel;

    final Path out;
    private final int port;
    private final Path logDir;
    private EmbeddedKafkaBroker broker;

    /**
     * Starts the broker and creates the topics.
     *
     * @param scenario names the output folder under the suite's, emptied first
     */
    ReliabilityFixture(String scenario) throws IOException {
        out =
                Path.of(System.getProperty("rlhf.reliability.out", "target/reliability"))
                        .resolve(scenario)
                        .toAbsolutePath();
        deleteRecursively(out);
        logDir = Files.createDirectories(out.resolve("kafka"));
        port = freePort();
        startBroker();
        TopicAdmin.createAllOnSingleBroker(bootstrap());
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    KafkaSettings kafka() {
        return KafkaSettings.embedded(bootstrap());
    }

    /** Starts the broker on its port and data; returns how long it took to serve. */
    Duration startBroker() {
        long started = System.nanoTime();
        broker =
                EmbeddedKafkaBroker.builder()
                        .optPort(port)
                        .optLogDir(logDir)
                        .optStartTimeout(Duration.ofMinutes(2))
                        .build();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Shuts the broker down (its data stays). */
    void stopBroker() {
        broker.close();
    }

    /** Whether something accepts connections on the broker's port. */
    boolean brokerListening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Publishes the first version, so the scorer scores from the start: a small model (two
     * objectives, few gating steps) trained once per JVM on the toy preferences with the real
     * backbone.
     */
    void publishFirstModel() throws Exception {
        new ModelPublisher(kafka(), ChannelConfig.defaults())
                .publish(firstModel(), LINEAGE, RetrainTrigger.MANUAL);
    }

    private static synchronized ModelArtifact firstModel() throws Exception {
        if (firstModel == null) {
            try (MiniLmBackbone backbone = MiniLmBackbone.builder().build()) {
                var model =
                        RewardModelTraining.train(
                                        new TrainingRequest(
                                                ToyPreferences.pairs(6),
                                                List.of(),
                                                HeadKind.ARMO,
                                                1,
                                                false,
                                                10),
                                        backbone,
                                        EmbeddingProgress.NONE,
                                        TrainingProgressListener.NONE)
                                .model();
                firstModel =
                        ModelArtifact.builder()
                                .setModel(model)
                                .setModelVersion(FIRST_VERSION)
                                .setBackboneId(backbone.id())
                                .optMetrics(
                                        new TrainingMetrics(Map.of(TrainingRound.PAIRS_TOTAL, 0.0)))
                                .build();
            }
        }
        return firstModel;
    }

    /** A loopback port nothing listens on (the broker and the services bind theirs). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
