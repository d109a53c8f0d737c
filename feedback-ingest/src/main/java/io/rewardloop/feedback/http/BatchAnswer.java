package io.rewardloop.feedback.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.rewardloop.feedback.FeedbackJson;
import io.rewardloop.feedback.http.ItemOutcome.Status;
import io.rewardloop.service.http.Problem;
import java.util.List;

/**
 * The answer to a batch: 200 with one result per item, in order, whatever each item's fate (valid
 * items are recorded even when others are invalid), and counts; 503 (problem+json, the same results
 * as an extension member) when the broker did not acknowledge some item, so the client retries the
 * batch, which is safe.
 */
final class BatchAnswer {

    private BatchAnswer() {}

    static void respond(Context ctx, List<ItemOutcome> outcomes) {
        ObjectNode body = FeedbackJson.MAPPER.createObjectNode();
        int accepted = 0;
        int duplicates = 0;
        int unavailable = 0;
        ArrayNode results = FeedbackJson.MAPPER.createArrayNode();
        for (ItemOutcome outcome : outcomes) {
            results.add(outcome.toJson());
            Status status = outcome.status();
            if (status == Status.ACCEPTED) {
                accepted++;
            } else if (status == Status.DUPLICATE) {
                duplicates++;
            } else if (status == Status.UNAVAILABLE) {
                unavailable++;
            }
        }
        if (unavailable > 0) {
            body.put("type", "about:blank");
            body.put("title", "Service Unavailable");
            body.put("status", 503);
            body.put(
                    "detail",
                    unavailable
                            + " of "
                            + outcomes.size()
                            + " items were not acknowledged by the broker: retry the batch, a"
                            + " retry is safe");
            ctx.status(503).contentType(Problem.CONTENT_TYPE);
        } else {
            ctx.status(200).contentType("application/json");
        }
        body.put("accepted", accepted);
        body.put("duplicates", duplicates);
        body.put("rejected", outcomes.size() - accepted - duplicates - unavailable);
        body.set("results", results);
        ctx.result(FeedbackJson.write(body));
    }
}
