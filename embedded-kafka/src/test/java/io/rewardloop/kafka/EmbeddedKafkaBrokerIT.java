package io.rewardloop.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerIT {

    private static final String TOPIC = "it.transactions";

    @Test
    void shouldDeliverOnlyCommittedTransactionsAndDeleteItsLogDirOnClose() throws Exception {
        Path logDir;
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
            logDir = kafka.logDir();
            assertThat(logDir).isDirectory();
            createTopic(kafka.bootstrapServers());

            produceTransactions(kafka.bootstrapServers());

            List<String> seen = readCommitted(kafka.bootstrapServers(), 3);
            assertThat(seen).containsExactly("committed-1", "committed-2", "committed-3");
        }
        assertThat(logDir).doesNotExist();
    }

    @Test
    void shouldNotCreateATopicThatAClientMerelyNames() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start();
                Admin admin = admin(kafka.bootstrapServers())) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1500);
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                assertThatThrownBy(() -> producer.partitionsFor("it.typo"))
                        .isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class)
                        .hasMessageContaining("it.typo");
            }
            assertThat(admin.listTopics().names().get()).doesNotContain("it.typo");
        }
    }

    @Test
    void shouldListenOnTheRequestedPortAndKeepTopicsInAGivenLogDirAcrossRestarts()
            throws Exception {
        int port = FreePorts.next();
        Path dir = Files.createTempDirectory("rlhf-kafka-kept-");
        try {
            try (EmbeddedKafkaBroker kafka =
                    EmbeddedKafkaBroker.builder()
                            .optPort(port)
                            .optLogDir(dir)
                            .optProperty("log.retention.ms", "600000")
                            .build()) {
                assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
                createTopic(kafka.bootstrapServers());
            }
            assertThat(dir.resolve("meta.properties")).exists();

            try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.builder().optLogDir(dir).build();
                    Admin admin = admin(again.bootstrapServers())) {
                assertThat(admin.listTopics().names().get()).contains(TOPIC);
            }
        } finally {
            KraftStorage.deleteRecursively(dir);
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static void createTopic(String bootstrap) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
            assertThat(admin.listTopics().names().get()).contains(TOPIC);
        }
    }

    private static void produceTransactions(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-" + UUID.randomUUID());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, "k", "committed-1"));
            producer.send(new ProducerRecord<>(TOPIC, "k", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, "k", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, "k", "committed-3"));
            producer.commitTransaction();
        }
    }

    private static List<String> readCommitted(String bootstrap, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                for (ConsumerRecord<String, String> r :
                                        consumer.poll(Duration.ofMillis(200))) {
                                    values.add(r.value());
                                }
                                return values.size() >= expected;
                            });
            // One more poll: an aborted record that slipped through would show up now.
            consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
        }
        return values;
    }
}
