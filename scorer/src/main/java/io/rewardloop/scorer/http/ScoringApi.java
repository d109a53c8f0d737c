package io.rewardloop.scorer.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.scoring.MultiObjectiveReward;
import io.rewardloop.scorer.http.HttpBatcher.Scored;
import io.rewardloop.scorer.http.ScoringRequest.PairIds;
import io.rewardloop.scorer.metrics.HttpScoringMetrics;
import io.rewardloop.service.http.HttpService;
import io.rewardloop.service.http.Problem;
import io.rewardloop.service.http.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;

/**
 * The scorer's scoring endpoints, on the service kit's HTTP service (bearer tokens, problem+json):
 *
 * <ul>
 *   <li>{@code POST /get_reward}: OpenRLHF's remote reward model ({@code --remote_rm_url}), {@code
 *       {"query": [...], "prompts": [...]}} in, {@code {"rewards": [...], "modelVersions": [...]}}
 *       out, in input order;
 *   <li>{@code POST /v1/score}: one pair or {@code {"pairs": [...]}}, answered like {@code
 *       RewardScored}: per-objective rewards, debiased rewards, gating weights, score, truncation
 *       and model version per pair.
 * </ul>
 *
 * <p>Both go through the {@link HttpBatcher}. Every answer names the model version(s) that scored
 * it, in the body and in the {@code X-Model-Version} header. Answers are asynchronous: a waiting
 * request holds no server thread.
 */
public final class ScoringApi {

    /** The response header naming the model version(s) of an answer, comma-separated. */
    public static final String MODEL_VERSION_HEADER = "X-Model-Version";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RETRY_AFTER_SECONDS = "1";

    private final HttpScoringSettings settings;
    private final ScoringRequest.Limits limits;
    private final HttpBatcher batcher;
    private final HttpRecorder recorder;
    private final HttpScoringMetrics metrics;

    /**
     * Creates the endpoints.
     *
     * @param settings limits and recording
     * @param maxTextChars the longest prompt or response ({@code scorer.text.max.chars})
     * @param batcher where pairs are scored
     * @param recorder where scored pairs are recorded, or null when recording is off
     */
    public ScoringApi(
            HttpScoringSettings settings,
            int maxTextChars,
            HttpBatcher batcher,
            HttpRecorder recorder) {
        this.settings = settings;
        this.limits = new ScoringRequest.Limits(settings.maxPairs(), maxTextChars);
        this.batcher = batcher;
        this.recorder = recorder;
        this.metrics = batcher.metrics();
    }

    /**
     * Declares the routes.
     *
     * @param routes Javalin's routes
     */
    public void declare(RoutesConfig routes) {
        routes.post("/get_reward", ctx -> handle(ctx, "get_reward", ScoringRequest::openRlhf));
        routes.post("/v1/score", ctx -> handle(ctx, "score", ScoringRequest::nativeShape));
    }

    private void handle(
            Context ctx,
            String endpoint,
            BiFunction<JsonNode, ScoringRequest.Limits, ScoringRequest> parse) {
        long arrived = System.nanoTime();
        ScoringRequest request;
        List<String> responseIds;
        CompletableFuture<List<Scored>> scoring;
        try {
            request = parse.apply(RequestJson.read(ctx, settings.maxBodyBytes()), limits);
            responseIds = responseIds(request);
            scoring = batcher.submit(request.pairs());
        } catch (ProblemException e) {
            metrics.recordRejected(reason(e.problem().status()));
            throw e;
        } catch (RefusedException e) {
            metrics.recordRejected(e.reason());
            throw refused(ctx, e);
        }
        ctx.future(
                () ->
                        scoring.handle(
                                (scored, failure) -> {
                                    if (failure != null) {
                                        answerFailure(ctx, request, failure);
                                    } else {
                                        answer(
                                                ctx,
                                                endpoint,
                                                request,
                                                responseIds,
                                                scored,
                                                arrived);
                                    }
                                    metrics.recordRequest(
                                            endpoint, (System.nanoTime() - arrived) / 1e6);
                                    return null;
                                }));
    }

    private void answer(
            Context ctx,
            String endpoint,
            ScoringRequest request,
            List<String> responseIds,
            List<Scored> scored,
            long arrived) {
        Set<String> versions = new LinkedHashSet<>();
        scored.forEach(s -> versions.add(s.model().version()));
        ObjectNode body =
                "get_reward".equals(endpoint)
                        ? rewards(scored, responseIds)
                        : results(scored, request.ids(), responseIds);
        ctx.header(MODEL_VERSION_HEADER, String.join(",", versions))
                .status(200)
                .contentType("application/json")
                .result(json(body));
        if (recorder != null) {
            record(request, responseIds, scored, (System.nanoTime() - arrived) / 1e6);
        }
    }

    private static ObjectNode rewards(List<Scored> scored, List<String> responseIds) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode rewards = body.putArray("rewards");
        ArrayNode versions = body.putArray("modelVersions");
        for (Scored s : scored) {
            rewards.add(s.reward().score());
            versions.add(s.model().version());
        }
        if (responseIds != null) {
            ArrayNode ids = body.putArray("responseIds");
            responseIds.forEach(ids::add);
        }
        return body;
    }

    private static ObjectNode results(
            List<Scored> scored, List<PairIds> ids, List<String> responseIds) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode results = body.putArray("results");
        for (int i = 0; i < scored.size(); i++) {
            Scored s = scored.get(i);
            MultiObjectiveReward reward = s.reward();
            ObjectNode result = results.addObject();
            String responseId = responseIds != null ? responseIds.get(i) : ids.get(i).responseId();
            if (responseId != null) {
                result.put("responseId", responseId);
            }
            if (ids.get(i).promptId() != null) {
                result.put("promptId", ids.get(i).promptId());
            }
            result.put("modelVersion", s.model().version());
            result.put("score", reward.score());
            ArrayNode objectives = result.putArray("objectives");
            List<String> names = s.model().objectives();
            for (int k = 0; k < names.size(); k++) {
                objectives
                        .addObject()
                        .put("name", names.get(k))
                        .put("reward", reward.rewards()[k])
                        .put("debiasedReward", reward.debiasedRewards()[k])
                        .put("gatingWeight", reward.gatingWeights()[k]);
            }
            result.put("truncation", reward.truncation().name());
        }
        return body;
    }

    /** With recording on: the client's response ids, or new ones; null when recording is off. */
    private List<String> responseIds(ScoringRequest request) {
        if (recorder == null) {
            return null;
        }
        List<String> ids = new ArrayList<>(request.ids().size());
        for (PairIds pair : request.ids()) {
            ids.add(pair.responseId() != null ? pair.responseId() : "http-" + UUID.randomUUID());
        }
        return ids;
    }

    private void record(
            ScoringRequest request, List<String> responseIds, List<Scored> scored, double ms) {
        Instant now = Instant.now();
        List<HttpRecorder.Recording> recordings = new ArrayList<>(scored.size());
        for (int i = 0; i < scored.size(); i++) {
            PromptResponse pair = request.pairs().get(i);
            ResponseGenerated response =
                    HttpRecorder.response(
                            pair.prompt(),
                            pair.response(),
                            request.ids().get(i),
                            responseIds.get(i));
            recordings.add(HttpRecorder.of(response, scored.get(i), ms, now));
        }
        recorder.record(recordings);
    }

    private void answerFailure(Context ctx, ScoringRequest request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (cause instanceof RefusedException refused) {
            metrics.recordRejected(refused.reason());
            HttpService.respond(ctx, refusedProblem(ctx, refused));
        } else if (cause instanceof PairFailedException pair) {
            metrics.recordRejected("invalid");
            HttpService.respond(
                    ctx,
                    new Problem(
                            "about:blank",
                            "Unprocessable Content",
                            422,
                            "the model failed on a pair",
                            List.of(
                                    new Problem.FieldError(
                                            request.pointerOf(pair.index()),
                                            pair.getCause().toString()))));
        } else {
            HttpService.respond(
                    ctx, Problem.of(500, "Internal Server Error", "see the service log"));
        }
    }

    private static ProblemException refused(Context ctx, RefusedException e) {
        return new ProblemException(refusedProblem(ctx, e));
    }

    private static Problem refusedProblem(Context ctx, RefusedException e) {
        ctx.header("Retry-After", RETRY_AFTER_SECONDS);
        return Problem.of(
                e.status(),
                e.status() == 429 ? "Too Many Requests" : "Service Unavailable",
                e.getMessage());
    }

    private static String reason(int status) {
        return switch (status) {
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            case 400 -> "malformed";
            default -> "invalid";
        };
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
