package io.rewardloop.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.rewardloop.status.StatusSnapshot.Agreement;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgreementClientTest {

    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void shouldSayNotConfiguredWithoutAUrl() {
        Agreement answer =
                new AgreementClient(Optional.empty(), Optional.empty(), 5000, now::get).current();

        assertThat(answer.state()).isEqualTo("not configured");
        assertThat(answer.detail()).contains(StatusConfig.FEEDBACK_URL);
    }

    @Test
    void shouldAskTheIngestWithItsTokenAndReuseTheAnswerForAWhile() throws IOException {
        URI base = serve(200, "{\"overall\":{\"alpha\":0.8}}");
        AgreementClient client =
                new AgreementClient(
                        Optional.of(base), Optional.of("secret-token-0123456789"), 5000, now::get);

        Agreement first = client.current();
        now.addAndGet(4_999);
        client.current();
        now.addAndGet(1);
        client.current();

        assertThat(first.state()).isEqualTo("ok");
        assertThat(first.figures().at("/overall/alpha").asDouble()).isEqualTo(0.8);
        assertThat(requests.get()).isEqualTo(2);
        assertThat(authorization.get()).isEqualTo("Bearer secret-token-0123456789");
    }

    @Test
    void shouldSayUnavailableWhenTheIngestRefuses() throws IOException {
        URI base = serve(503, "{}");

        Agreement answer =
                new AgreementClient(Optional.of(base), Optional.empty(), 5000, now::get).current();

        assertThat(answer.state()).isEqualTo("unavailable");
        assertThat(answer.detail()).contains("503");
        assertThat(answer.figures()).isNull();
    }

    private URI serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                AgreementClient.PATH,
                exchange -> {
                    requests.incrementAndGet();
                    authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status, bytes.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
