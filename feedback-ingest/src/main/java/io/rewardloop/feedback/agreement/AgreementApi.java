package io.rewardloop.feedback.agreement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.rewardloop.common.RewardLoopException;
import io.rewardloop.service.http.HttpService;
import io.rewardloop.service.http.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@code GET /v1/agreement}: the figures of the whole application, whichever instance is asked.
 * Each instance's stores hold only the units of its partitions, so the instance asked adds its own
 * {@link AgreementSums} to those of every other instance of the application (found through Streams'
 * metadata, {@code application.server}), fetched over HTTP from {@code GET
 * /v1/agreement?scope=local} with the caller's {@code Authorization} header, then finishes the
 * figures. The sums are added in the order of the instances' {@code host:port}, so every instance
 * gives the same figures to the last digit.
 *
 * <p>When an instance does not answer (down, rebalancing, timeout) the answer is a 503 problem
 * naming it in {@code missing}, never partial figures: retry. {@code ?scope=local} answers this
 * instance's sums alone (what the instances exchange). The HTTP endpoint starts before the Streams
 * application (whose {@code application.server} is the endpoint's bound port), so until {@link
 * #attach} the route answers 503.
 */
public final class AgreementApi {

    /** The route. */
    public static final String PATH = "/v1/agreement";

    /** {@code scope} value: this instance's sums only. */
    public static final String LOCAL_SCOPE = "local";

    /** {@code scope} value, the default: every instance's units, finished into figures. */
    public static final String ALL_SCOPE = "all";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgreementPeers peers = new AgreementPeers(PATH + "?scope=" + LOCAL_SCOPE);
    private volatile AgreementStreams streams;

    /**
     * Serves this application's figures from now on.
     *
     * @param started the running agreement application
     */
    public void attach(AgreementStreams started) {
        this.streams = started;
    }

    /**
     * The agreement application's state, for {@code /health}.
     *
     * @return its Streams state, or {@code NOT_STARTED}
     */
    public String state() {
        AgreementStreams current = streams;
        return current == null ? "NOT_STARTED" : current.state().toString();
    }

    /**
     * Declares the route.
     *
     * @param routes Javalin's routes
     */
    public void routes(RoutesConfig routes) {
        routes.get(PATH, this::handle);
    }

    private void handle(Context ctx) {
        String scope = ctx.queryParamAsClass("scope", String.class).getOrDefault(ALL_SCOPE);
        if (!scope.equals(LOCAL_SCOPE) && !scope.equals(ALL_SCOPE)) {
            HttpService.respond(
                    ctx,
                    Problem.of(400, "Bad Request", "scope must be local or all, got " + scope));
            return;
        }
        AgreementStreams current = streams;
        AgreementSums local;
        try {
            if (current == null) {
                throw new InvalidStateStoreException("not started");
            }
            local = current.localSums();
        } catch (InvalidStateStoreException e) {
            HttpService.respond(
                    ctx,
                    Problem.of(503, "Agreement not available", "agreement streams are " + state()));
            return;
        }
        if (scope.equals(LOCAL_SCOPE)) {
            ctx.contentType("application/json").result(write(local));
            return;
        }
        Map<String, CompletableFuture<AgreementSums>> answers = new TreeMap<>();
        answers.put(
                AgreementPeers.name(current.server()), CompletableFuture.completedFuture(local));
        for (HostInfo peer : current.instances()) {
            if (!peer.equals(current.server())) {
                answers.put(
                        AgreementPeers.name(peer), peers.fetch(peer, ctx.header("Authorization")));
            }
        }
        CompletableFuture<?> all =
                CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new));
        ctx.future(
                () ->
                        all.handle(
                                (ignored, error) -> {
                                    respond(ctx, answers);
                                    return null;
                                }));
    }

    private static void respond(
            Context ctx, Map<String, CompletableFuture<AgreementSums>> answers) {
        AgreementSums total = AgreementSums.EMPTY;
        List<String> missing = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Map.Entry<String, CompletableFuture<AgreementSums>> answer : answers.entrySet()) {
            try {
                total = total.plus(answer.getValue().join());
            } catch (RuntimeException e) {
                missing.add(answer.getKey());
                reasons.add(answer.getKey() + " (" + AgreementPeers.reason(e) + ")");
            }
        }
        if (missing.isEmpty()) {
            ctx.contentType("application/json").result(write(total.report()));
            return;
        }
        ObjectNode problem = JSON.createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", "Agreement incomplete");
        problem.put("status", 503);
        problem.put(
                "detail",
                "no figures from instance(s) "
                        + String.join(", ", reasons)
                        + " of "
                        + answers.size()
                        + ": retry (partial figures are never answered)");
        problem.putPOJO("missing", missing);
        ctx.status(503).contentType(Problem.CONTENT_TYPE).result(write(problem));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new RewardLoopException(
                    "cannot write the agreement answer: " + e.getMessage(), e);
        }
    }
}
