package io.rewardloop.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rewardloop.channel.ChannelConfig;
import io.rewardloop.events.ControlEvent;
import io.rewardloop.kafka.KafkaCluster;
import io.rewardloop.kafka.KafkaClusters;
import io.rewardloop.schemas.SampleEvents;
import io.rewardloop.schemas.TopicAdmin;
import io.rewardloop.schemas.Topics;
import io.rewardloop.service.HttpSettings;
import io.rewardloop.service.KafkaSettings;
import io.rewardloop.service.testing.HostileInput;
import io.rewardloop.service.testing.HostileRecords;
import io.rewardloop.service.testing.MalformedSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 500 hostile GETs (request targets sent raw over a socket: path traversal, bad and NUL escapes,
 * invalid UTF-8, control characters, 100 KB paths and queries) and 500 malformed {@code
 * rlhf.control} records, with good requests and records in between, against the real status page
 * and broker: a target that is not a route gets a 4xx, a route with a hostile query string a 200 or
 * a 4xx, never a 5xx or a hang; every malformed record is skipped and counted, every good one
 * counted; the page stays up.
 */
class StatusMalformedInputIT {

    private static final int MALFORMED = 500;
    private static final int GOOD_EVERY = 10;
    private static final long SEED = 12;
    private static final String LINEAGE = "default";
    private static final String[] ROUTES = {"/", "/status.json", "/status.js", "/health"};
    private static final String[] NOT_ROUTES = {
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/assets/..%2f..%2f..%2fpom.xml",
        "/assets/echarts.min.js/../../../../etc/passwd",
        "/%zz",
        "/status.json%",
        "/%00",
        "/status.json%00.html",
        "/%ff%fe%fd",
        "/\u00e9t\u00e9",
        "//status.json//",
        "/sta tus.json",
        "/status.json\t",
        "*",
        "http://elsewhere.example/status.json"
    };

    private static KafkaCluster kafka;
    private static StatusService status;

    @BeforeAll
    static void start() {
        kafka = KafkaClusters.startForTests();
        TopicAdmin.createAllOnSingleBroker(kafka.bootstrapServers());
        status =
                StatusService.start(
                        new StatusConfig(
                                KafkaSettings.embedded(kafka.bootstrapServers()),
                                HttpSettings.loopbackAnyPort(),
                                LINEAGE,
                                Optional.empty(),
                                Optional.empty(),
                                Duration.ofMinutes(1),
                                60),
                        ChannelConfig.defaults());
        await().atMost(Duration.ofSeconds(60)).until(() -> status.snapshot().caughtUp());
    }

    @AfterAll
    static void stop() {
        if (status != null) {
            status.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldNeverAnswerAHostileGetWithA5xx() throws Exception {
        Random random = new Random(SEED);
        Map<String, Long> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        List<HostileInput> kinds = new ArrayList<>();
        int goodOk = 0;
        for (int i = 0; i < MALFORMED; i++) {
            boolean onRoute = i % 2 == 0;
            HostileInput target = onRoute ? onRoute(random) : notRoute(random);
            kinds.add(target);
            String text = new String(target.bytes(), StandardCharsets.UTF_8);
            int answer = rawGet(text);
            statuses.merge(Integer.toString(answer), 1L, Long::sum);
            boolean refused = answer / 100 == 4;
            if (!(refused || (onRoute && answer == 200))) {
                failures.add(text.substring(0, Math.min(80, text.length())) + " -> " + answer);
            }
            if (i % GOOD_EVERY == GOOD_EVERY - 1 && rawGet("/status.json") == 200) {
                goodOk++;
            }
        }
        MalformedSummary.print(
                "GET (status page)", kinds, statuses, MALFORMED / GOOD_EVERY, goodOk);
        assertThat(failures).isEmpty();
        assertThat(goodOk).isEqualTo(MALFORMED / GOOD_EVERY);
        assertThat(rawGet("/health")).isEqualTo(200);
    }

    @Test
    void shouldSkipEveryMalformedControlRecordAndCountEveryGoodOne() throws Exception {
        var serializer =
                Topics.CONTROL
                        .valueSerde(KafkaSettings.embedded(kafka.bootstrapServers()).serdeConfig())
                        .serializer();
        byte[] sample = serializer.serialize(Topics.CONTROL.name(), SampleEvents.driftDetected());
        byte[] foreign =
                Topics.RATINGS
                        .valueSerde(KafkaSettings.embedded(kafka.bootstrapServers()).serdeConfig())
                        .serializer()
                        .serialize(Topics.RATINGS.name(), SampleEvents.ratingRecorded());
        List<HostileInput> inputs =
                new HostileRecords(SEED)
                        .values(ControlEvent.getClassSchema(), sample, foreign, MALFORMED);
        long skippedBefore = status.snapshot().totals().get("skipped");
        long controlBefore = status.snapshot().totals().get("control");
        int good = 0;
        try (KafkaProducer<byte[], byte[]> raw = rawProducer()) {
            for (int i = 0; i < inputs.size(); i++) {
                raw.send(record(inputs.get(i).bytes()));
                if (i % GOOD_EVERY == GOOD_EVERY - 1) {
                    raw.send(record(sample));
                    good++;
                }
            }
        }
        int sent = good;
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                status.snapshot().totals().get("skipped") - skippedBefore
                                                >= MALFORMED
                                        && status.snapshot().totals().get("control") - controlBefore
                                                >= sent);
        long skipped = status.snapshot().totals().get("skipped") - skippedBefore;
        long counted = status.snapshot().totals().get("control") - controlBefore;
        MalformedSummary.print(
                Topics.CONTROL.name() + " (status page)",
                inputs,
                Map.of("skipped", skipped),
                good,
                (int) counted);
        assertThat(skipped).isEqualTo(MALFORMED);
        assertThat(counted).isEqualTo(good);
        assertThat(rawGet("/health")).isEqualTo(200);
    }

    private static HostileInput onRoute(Random random) {
        String route = ROUTES[random.nextInt(ROUTES.length)] + "?";
        return switch (random.nextInt(6)) {
            case 0 ->
                    target(
                            "query-invalid-utf8",
                            route + "q=" + "%ff%fe".repeat(1 + random.nextInt(50)));
            case 1 ->
                    target("query-repeated-keys", route + "a=1&".repeat(1 + random.nextInt(5_000)));
            case 2 -> target("query-huge", route + "x=" + "y".repeat(random.nextInt(100_000)));
            case 3 -> target("query-nul-and-script", route + "%00=%00&<script>=alert(1)");
            case 4 -> target("query-bad-escape", route + "%zz=%");
            default ->
                    target(
                            "query-traversal",
                            route + "lineage=../../etc/passwd&n=" + random.nextLong());
        };
    }

    private static HostileInput notRoute(Random random) {
        return switch (random.nextInt(3)) {
            case 0 ->
                    target(
                            "path-traversal-escape-control",
                            NOT_ROUTES[random.nextInt(NOT_ROUTES.length)]);
            case 1 -> target("path-huge", "/" + "a".repeat(1 + random.nextInt(100_000)));
            default ->
                    target("path-unknown", "/no-such-page-" + Long.toHexString(random.nextLong()));
        };
    }

    private static HostileInput target(String kind, String target) {
        return new HostileInput(kind, target.getBytes(StandardCharsets.UTF_8), null);
    }

    /** Sends a GET with this request target as given, not encoded; the status, or -1. */
    private static int rawGet(String target) throws IOException {
        URI base = URI.create(status.baseUrl());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String line = statusLine(in);
            String[] parts = line.split(" ");
            return parts.length > 1 && parts[0].startsWith("HTTP/")
                    ? Integer.parseInt(parts[1])
                    : -1;
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString().trim();
    }

    private static ProducerRecord<byte[], byte[]> record(byte[] value) {
        return new ProducerRecord<>(
                Topics.CONTROL.name(), LINEAGE.getBytes(StandardCharsets.UTF_8), value);
    }

    private static KafkaProducer<byte[], byte[]> rawProducer() {
        Map<String, Object> props = KafkaSettings.embedded(kafka.bootstrapServers()).clientConfig();
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
