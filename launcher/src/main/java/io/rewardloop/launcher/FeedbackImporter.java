package io.rewardloop.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.common.RewardLoopException;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;

/**
 * Posts JSON-lines files to a running feedback ingest ({@code POST /v1/feedback}) in batches and
 * tallies the per-item answers. Lines become items with {@link ImportLine}; a batch is sent when it
 * holds {@code batchItems} items or about {@code MAX_BATCH_BYTES} of JSON. A {@code 503} or a
 * broken connection is retried (ids make it idempotent); {@code 401}/{@code 403} and other
 * unexpected answers stop the import.
 */
final class FeedbackImporter {

    /** Stays well under the ingest's default 4 MiB body limit. */
    static final int MAX_BATCH_BYTES = 2 * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int ATTEMPTS = 6;

    private final URI endpoint;
    private final String token;
    private final int batchItems;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param baseUrl the ingest, e.g. {@code http://127.0.0.1:8090}
     * @param token a bearer token, or null
     * @param batchItems the most items per request
     */
    FeedbackImporter(String baseUrl, String token, int batchItems) {
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/v1/feedback");
        this.token = token;
        this.batchItems = batchItems;
    }

    /**
     * Imports one file.
     *
     * @param file the file ({@code .gz}: gzipped)
     * @param annotator the annotator for lines without one
     * @param summary where the outcome goes
     * @param progress told the bytes of the file read so far
     * @throws IOException when the file cannot be read
     * @throws InterruptedException when interrupted
     */
    void importFile(Path file, String annotator, ImportSummary summary, LongConsumer progress)
            throws IOException, InterruptedException {
        CountingStream counted = new CountingStream(Files.newInputStream(file));
        InputStream in =
                file.getFileName().toString().endsWith(".gz")
                        ? new GZIPInputStream(counted, 1 << 16)
                        : counted;
        List<Long> lines = new ArrayList<>();
        ArrayNode items = MAPPER.createArrayNode();
        long bytes = 0;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            long number = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                ImportLine.Result result = ImportLine.parse(text, annotator);
                if (result.error() != null) {
                    summary.addRejected(file, number, result.error());
                    continue;
                }
                items.add(result.item());
                lines.add(number);
                bytes += text.length() + 64L;
                if (items.size() >= batchItems || bytes >= MAX_BATCH_BYTES) {
                    send(file, lines, items, summary);
                    lines.clear();
                    items.removeAll();
                    bytes = 0;
                    progress.accept(counted.count);
                }
            }
        }
        if (!items.isEmpty()) {
            send(file, lines, items, summary);
        }
        progress.accept(counted.count);
    }

    private void send(Path file, List<Long> lines, ArrayNode items, ImportSummary summary)
            throws IOException, InterruptedException {
        ObjectNode envelope = MAPPER.createObjectNode();
        envelope.set("items", items);
        byte[] body = MAPPER.writeValueAsBytes(envelope);
        HttpResponse<String> answer = post(body);
        int status = answer.statusCode();
        if (status == 413) {
            if (items.size() == 1) {
                summary.addRejected(file, lines.get(0), "too large for the ingest (413)");
                return;
            }
            // Split and retry the halves: only a single item over the limit is rejected.
            int half = items.size() / 2;
            ArrayNode first = MAPPER.createArrayNode();
            ArrayNode second = MAPPER.createArrayNode();
            for (int i = 0; i < items.size(); i++) {
                (i < half ? first : second).add(items.get(i));
            }
            send(file, lines.subList(0, half), first, summary);
            send(file, lines.subList(half, lines.size()), second, summary);
            return;
        }
        if (status != 200) {
            throw new RewardLoopException(
                    "the ingest at " + endpoint + " answered " + status + ": " + answer.body());
        }
        JsonNode results = MAPPER.readTree(answer.body()).path("results");
        for (JsonNode result : results) {
            long line = lines.get(result.path("index").asInt());
            switch (result.path("status").asText()) {
                case "accepted" -> summary.addAccepted();
                case "duplicate" -> summary.addDuplicate();
                default -> summary.addRejected(file, line, reason(result));
            }
        }
    }

    private HttpResponse<String> post(byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(endpoint)
                        .timeout(Duration.ofSeconds(90))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> answer =
                        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 503) {
                    return answer;
                }
                last = new IOException("503 " + answer.body());
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(250L << attempt); // back off: 0.5 s .. 16 s
        }
        throw new RewardLoopException(
                "cannot reach the ingest at "
                        + endpoint
                        + " (tried "
                        + ATTEMPTS
                        + " times): "
                        + last.getMessage());
    }

    /** The item's errors as {@code /pointer: detail; ...}, or its status and detail. */
    private static String reason(JsonNode result) {
        StringBuilder text = new StringBuilder(result.path("status").asText());
        JsonNode errors = result.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            text.setLength(0);
            for (JsonNode error : errors) {
                text.append(text.length() == 0 ? "" : "; ")
                        .append(
                                error.path("pointer").asText().isEmpty()
                                        ? ""
                                        : error.path("pointer").asText() + ": ")
                        .append(error.path("detail").asText());
            }
        } else if (result.has("detail")) {
            text.append(": ").append(result.path("detail").asText());
        }
        return text.toString();
    }

    /** Counts the raw (maybe compressed) bytes read, for the progress bar. */
    private static final class CountingStream extends FilterInputStream {
        private volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
