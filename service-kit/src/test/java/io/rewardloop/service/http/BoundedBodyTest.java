package io.rewardloop.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.Context;
import io.rewardloop.service.HttpSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A body over the limit is answered 413, and the client sees that 413 even though it sends its
 * whole body before it reads the answer (Java's HttpClient does), not a reset connection.
 */
class BoundedBodyTest {

    private static final int LIMIT = 1024;

    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpService http;

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
    }

    @Test
    void shouldAnswer413ToEveryOversizedBodyAndReadTheOthers() throws Exception {
        http =
                HttpService.builder("test")
                        .setSettings(HttpSettings.loopbackAnyPort())
                        .setHealth(() -> new HealthStatus(true, "up", Map.of()))
                        .optRoutes(routes -> routes.post("/echo", BoundedBodyTest::echo))
                        .start();

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(post(new byte[2 * 1024 * 1024]));
        }
        String small = post(new byte[LIMIT]);

        assertThat(answers).containsOnly("413");
        assertThat(small).isEqualTo("200 read 1024");
    }

    private static void echo(Context ctx) {
        byte[] body =
                BoundedBody.read(
                        ctx,
                        LIMIT,
                        () -> new ProblemException(Problem.of(413, "Content Too Large", "over")));
        ctx.result("read " + body.length);
    }

    private String post(byte[] body) {
        try {
            HttpResponse<String> answer =
                    client.send(
                            HttpRequest.newBuilder(URI.create(http.baseUrl() + "/echo"))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200
                    ? "200 " + answer.body()
                    : Integer.toString(answer.statusCode());
        } catch (Exception e) {
            return e.toString();
        }
    }
}
