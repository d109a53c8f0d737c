package io.rewardloop.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rewardloop.model.data.PreferencePair;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores pairs over the scorer's HTTP API ({@code POST /v1/score}), which answers with the live
 * model and names its version: how the demo measures a model on the held-out pairs.
 */
final class DemoScorerClient {

    // Texts a request: well under scorer.http.max.pairs (1024), and small enough to be answered
    // within DemoHttp's timeout on a loaded machine (a few texts a second).
    private static final int BATCH = 100;

    private final DemoHttp http;
    private final String endpoint;

    /**
     * Creates the client.
     *
     * @param http the HTTP client
     * @param scorerUrl the scorer's base URL
     */
    DemoScorerClient(DemoHttp http, String scorerUrl) {
        this.http = http;
        this.endpoint = scorerUrl + "/v1/score";
    }

    /**
     * Scores both sides of each pair.
     *
     * @param pairs the pairs
     * @return the verdicts, in order
     */
    List<PairVerdict> judge(List<PreferencePair> pairs) {
        List<PairVerdict> verdicts = new ArrayList<>(pairs.size());
        int perRequest = BATCH / 2;
        for (int from = 0; from < pairs.size(); from += perRequest) {
            List<PreferencePair> batch =
                    pairs.subList(from, Math.min(pairs.size(), from + perRequest));
            ArrayNode texts = DemoHttp.JSON.createArrayNode();
            for (PreferencePair p : batch) {
                texts.add(text(p.prompt(), p.chosen()));
                texts.add(text(p.prompt(), p.rejected()));
            }
            ObjectNode body = DemoHttp.JSON.createObjectNode();
            body.set("pairs", texts);
            JsonNode results = http.post(endpoint, body).path("results");
            for (int i = 0; i < batch.size(); i++) {
                JsonNode chosen = results.path(2 * i);
                JsonNode rejected = results.path(2 * i + 1);
                verdicts.add(
                        new PairVerdict(
                                chosen.path("score").asDouble(),
                                rejected.path("score").asDouble(),
                                chosen.path("modelVersion").asText()));
            }
        }
        return verdicts;
    }

    private static ObjectNode text(String prompt, String response) {
        return DemoHttp.JSON.createObjectNode().put("prompt", prompt).put("response", response);
    }

    /**
     * A model's scores for one pair.
     *
     * @param chosen the score of the response the human chose
     * @param rejected the score of the other
     * @param modelVersion the version that scored it
     */
    record PairVerdict(double chosen, double rejected, String modelVersion) {

        /**
         * Whether the model agrees with the human: the chosen response scored strictly higher.
         *
         * @return true when it agrees
         */
        boolean agrees() {
            return chosen > rejected;
        }
    }
}
