package io.rewardloop.scorer.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.service.http.Problem;
import io.rewardloop.service.http.Problem.FieldError;
import io.rewardloop.service.http.ProblemException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A validated scoring request: its pairs, and per pair the ids a recording carries. Parses both
 * request shapes, gathering every field error of a request into one 422 problem with JSON pointers
 * (413 when it holds more pairs than {@code scorer.http.max.pairs}).
 *
 * @param pairs the pairs to score, in request order
 * @param ids per pair, what the client named it (all null for {@code /get_reward})
 * @param pairsAt the JSON pointer of the pairs' array ({@code /query}, {@code /pairs}), empty for a
 *     single pair
 */
record ScoringRequest(List<PromptResponse> pairs, List<PairIds> ids, String pairsAt) {

    private static final int MAX_ID_CHARS = 200;
    private static final Set<String> PAIR_FIELDS =
            Set.of("prompt", "response", "responseId", "promptId", "policyVersion", "rlhfRound");

    /**
     * What a client may name a pair, for recording and for correlating the answer.
     *
     * @param responseId the response's id, or null
     * @param promptId the prompt's id, or null
     * @param policyVersion the policy that generated it, or null
     * @param rlhfRound the RLHF round, or null
     */
    record PairIds(String responseId, String promptId, String policyVersion, Long rlhfRound) {
        static final PairIds NONE = new PairIds(null, null, null, null);
    }

    /** Limits every request is checked against. */
    record Limits(int maxPairs, int maxTextChars) {}

    /**
     * OpenRLHF's {@code --remote_rm_url} request: {@code {"query": [...], "prompts": [...]}}, each
     * query the prompt followed by the response. A query that does not start with its prompt is a
     * field error at {@code /query/i} (it is never scored as something else). Other fields ({@code
     * labels}, sent by newer OpenRLHF versions) are ignored.
     *
     * @param body the JSON body
     * @param limits pairs and characters
     * @return the request
     * @throws ProblemException 422 or 413
     */
    static ScoringRequest openRlhf(JsonNode body, Limits limits) {
        List<FieldError> errors = new ArrayList<>();
        requireObject(body);
        JsonNode query = array(body, "query", errors);
        JsonNode prompts = array(body, "prompts", errors);
        if (query == null || prompts == null) {
            throw invalid(errors);
        }
        checkCount(query.size(), limits);
        if (prompts.size() != query.size()) {
            errors.add(
                    new FieldError(
                            "/prompts",
                            "has " + prompts.size() + " items, /query has " + query.size()));
            throw invalid(errors);
        }
        List<PromptResponse> pairs = new ArrayList<>(query.size());
        for (int i = 0; i < query.size(); i++) {
            String q = text(query.get(i), "/query/" + i, errors);
            String p = text(prompts.get(i), "/prompts/" + i, errors);
            if (q == null || p == null) {
                continue;
            }
            if (!q.startsWith(p)) {
                errors.add(
                        new FieldError(
                                "/query/" + i,
                                "does not start with /prompts/"
                                        + i
                                        + ": a query is the prompt followed by the response"));
                continue;
            }
            String response = q.substring(p.length());
            if (response.isBlank()) {
                errors.add(new FieldError("/query/" + i, "has no response after its prompt"));
                continue;
            }
            checkLength(p, "/prompts/" + i, limits, errors);
            checkLength(response, "/query/" + i, limits, errors);
            pairs.add(new PromptResponse(p, response));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new ScoringRequest(pairs, Collections.nCopies(pairs.size(), PairIds.NONE), "/query");
    }

    /**
     * The native request: one pair {@code {"prompt", "response", "responseId"?, "promptId"?,
     * "policyVersion"?, "rlhfRound"?}} or many, {@code {"pairs": [...]}}. Unknown fields are
     * errors, so typos do not pass silently.
     *
     * @param body the JSON body
     * @param limits pairs and characters
     * @return the request
     * @throws ProblemException 422 or 413
     */
    static ScoringRequest nativeShape(JsonNode body, Limits limits) {
        List<FieldError> errors = new ArrayList<>();
        requireObject(body);
        if (!body.has("pairs")) {
            PairIds ids = pair(body, "", limits, errors);
            if (!errors.isEmpty()) {
                throw invalid(errors);
            }
            return new ScoringRequest(List.of(toPair(body)), List.of(ids), "");
        }
        JsonNode items = array(body, "pairs", errors);
        unknownFields(body, Set.of("pairs"), "", errors);
        if (items == null || !errors.isEmpty()) {
            throw invalid(errors);
        }
        checkCount(items.size(), limits);
        List<PromptResponse> pairs = new ArrayList<>(items.size());
        List<PairIds> ids = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                errors.add(new FieldError("/pairs/" + i, "must be an object"));
                continue;
            }
            ids.add(pair(item, "/pairs/" + i, limits, errors));
            if (errors.isEmpty()) {
                pairs.add(toPair(item));
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new ScoringRequest(pairs, ids, "/pairs");
    }

    /**
     * The JSON pointer of a pair in the request.
     *
     * @param index the pair's index
     * @return e.g. {@code /query/3}, or {@code ""} for a single pair
     */
    String pointerOf(int index) {
        return pairsAt.isEmpty() ? "" : pairsAt + "/" + index;
    }

    private static PairIds pair(JsonNode item, String at, Limits limits, List<FieldError> errors) {
        unknownFields(item, PAIR_FIELDS, at, errors);
        String prompt = text(item.get("prompt"), at + "/prompt", errors);
        String response = text(item.get("response"), at + "/response", errors);
        if (prompt != null) {
            checkLength(prompt, at + "/prompt", limits, errors);
        }
        if (response != null) {
            checkLength(response, at + "/response", limits, errors);
        }
        Long round = null;
        JsonNode rlhfRound = item.get("rlhfRound");
        if (rlhfRound != null) {
            if (rlhfRound.canConvertToLong() && rlhfRound.isIntegralNumber()) {
                round = rlhfRound.asLong();
            } else {
                errors.add(new FieldError(at + "/rlhfRound", "must be an integer"));
            }
        }
        return new PairIds(
                id(item, "responseId", at, errors),
                id(item, "promptId", at, errors),
                id(item, "policyVersion", at, errors),
                round);
    }

    private static PromptResponse toPair(JsonNode item) {
        return new PromptResponse(item.get("prompt").asText(), item.get("response").asText());
    }

    private static String id(JsonNode item, String field, String at, List<FieldError> errors) {
        JsonNode value = item.get(field);
        if (value == null) {
            return null;
        }
        String pointer = at + "/" + field;
        String text = text(value, pointer, errors);
        if (text != null && text.length() > MAX_ID_CHARS) {
            errors.add(new FieldError(pointer, "is longer than " + MAX_ID_CHARS + " characters"));
            return null;
        }
        return text;
    }

    private static void requireObject(JsonNode body) {
        if (!body.isObject()) {
            throw invalid(List.of(new FieldError("", "must be a JSON object")));
        }
    }

    private static JsonNode array(JsonNode body, String field, List<FieldError> errors) {
        JsonNode value = body.get(field);
        String pointer = "/" + field;
        if (value == null) {
            errors.add(
                    new FieldError(
                            pointer,
                            "prompts".equals(field)
                                    ? "is missing: send the prompts alongside the queries"
                                            + " (OpenRLHF does), each query being its prompt"
                                            + " followed by the response"
                                    : "is missing"));
            return null;
        }
        if (!value.isArray()) {
            errors.add(new FieldError(pointer, "must be an array"));
            return null;
        }
        if (value.isEmpty()) {
            errors.add(new FieldError(pointer, "is empty"));
            return null;
        }
        return value;
    }

    private static String text(JsonNode value, String pointer, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(pointer, "is missing"));
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(pointer, "must be a string"));
            return null;
        }
        if (value.asText().isBlank()) {
            errors.add(new FieldError(pointer, "is empty"));
            return null;
        }
        return value.asText();
    }

    private static void checkLength(
            String text, String pointer, Limits limits, List<FieldError> errors) {
        if (text.length() > limits.maxTextChars()) {
            errors.add(
                    new FieldError(
                            pointer,
                            "is longer than "
                                    + limits.maxTextChars()
                                    + " characters (scorer.text.max.chars)"));
        }
    }

    private static void checkCount(int pairs, Limits limits) {
        if (pairs > limits.maxPairs()) {
            throw RequestJson.tooLarge(
                    pairs
                            + " pairs in one request, over "
                            + limits.maxPairs()
                            + " ("
                            + HttpScoringSettings.MAX_PAIRS
                            + "): split the request");
        }
    }

    private static void unknownFields(
            JsonNode item, Set<String> known, String at, List<FieldError> errors) {
        for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(
                        new FieldError(
                                at + "/" + name.replace("~", "~0").replace("/", "~1"),
                                "is not a field of a scoring request"));
            }
        }
    }

    private static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(
                new Problem(
                        "about:blank",
                        "Unprocessable Content",
                        422,
                        errors.size() + " invalid field(s)",
                        errors));
    }
}
