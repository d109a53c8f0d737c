package io.rewardloop.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The demo's simulated annotators: they replay HH-RLHF's human choices, posting each pair's verdict
 * to the feedback ingest over HTTP ({@code POST /v1/preferences}, batches) and naming both
 * responses only by id, so the ingest completes prompt and texts from {@code rlhf.responses}. The
 * pairs are dealt round-robin to {@value #ANNOTATORS} annotator ids.
 */
final class DemoAnnotators {

    /** How many annotators share the work. */
    static final int ANNOTATORS = 5;

    // The ingest's default feedback.http.max.batch.items.
    private static final int BATCH = 500;

    private final DemoHttp http;
    private final String endpoint;

    /**
     * Creates the annotators.
     *
     * @param http the HTTP client
     * @param ingestUrl the feedback ingest's base URL
     */
    DemoAnnotators(DemoHttp http, String ingestUrl) {
        this.http = http;
        this.endpoint = ingestUrl + "/v1/preferences";
    }

    /**
     * Posts the human verdict of every pair.
     *
     * @param pairs the round's pairs
     * @return how many items the ingest accepted
     */
    int label(List<DemoPair> pairs) {
        int accepted = 0;
        for (int from = 0; from < pairs.size(); from += BATCH) {
            ArrayNode items = DemoHttp.JSON.createArrayNode();
            for (int i = from; i < Math.min(pairs.size(), from + BATCH); i++) {
                items.add(item(pairs.get(i), i));
            }
            ObjectNode envelope = DemoHttp.JSON.createObjectNode();
            envelope.set("items", items);
            JsonNode answer = http.post(endpoint, envelope);
            accepted += answer.path("accepted").asInt();
        }
        return accepted;
    }

    private static ObjectNode item(DemoPair p, int index) {
        ObjectNode item = DemoHttp.JSON.createObjectNode();
        item.put("promptId", p.promptId());
        item.putObject("chosen").put("responseId", p.chosenId());
        item.putObject("rejected").put("responseId", p.rejectedId());
        item.put("objective", p.pair().objective());
        item.put("annotatorId", "annotator-" + (index % ANNOTATORS + 1));
        return item;
    }
}
