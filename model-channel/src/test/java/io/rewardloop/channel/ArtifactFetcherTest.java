package io.rewardloop.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.rewardloop.common.RewardLoopException;
import io.rewardloop.events.ModelPublished;
import io.rewardloop.model.artifact.ModelArtifact;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactFetcherTest {

    private static final byte[] BYTES = "model bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir Path dir;

    private static ModelPublished.Builder record(String sha256, long size) {
        return ModelPublished.newBuilder(TinyModels.record("v3"))
                .setArtifact(null)
                .setSha256(sha256)
                .setSizeBytes(size);
    }

    private static ModelPublished byUri(String uri) {
        return record(ModelArtifact.sha256(BYTES), BYTES.length).setArtifactUri(uri).build();
    }

    private ArtifactFetcher fetcher() {
        return new ArtifactFetcher(ChannelConfig.defaults().withArtifactDir(dir.resolve("store")));
    }

    @Test
    void shouldReturnInlineBytesWhoseSizeAndSha256Match() {
        ModelPublished ok =
                record(ModelArtifact.sha256(BYTES), BYTES.length)
                        .setArtifact(ByteBuffer.wrap(BYTES))
                        .build();

        assertThat(fetcher().fetch(ok)).isEqualTo(BYTES);
        assertThatThrownBy(
                        () ->
                                fetcher()
                                        .fetch(
                                                record("00".repeat(32), BYTES.length)
                                                        .setArtifact(ByteBuffer.wrap(BYTES))
                                                        .build()))
                .hasMessageContaining("model v3: artifact sha256 is " + ModelArtifact.sha256(BYTES))
                .hasMessageContaining("refusing it");
    }

    @Test
    void shouldReadTheStoreThatThePublisherWrote() {
        ArtifactStore store = new ArtifactStore(dir.resolve("store"));
        String uri = store.write("default", "v3", ModelArtifact.sha256(BYTES), BYTES);

        assertThat(uri).isEqualTo("store:default/v3-" + ModelArtifact.sha256(BYTES) + ".rlhfmodel");
        assertThat(fetcher().fetch(byUri(uri))).isEqualTo(BYTES);
    }

    @Test
    void shouldRefuseEveryUriThatLeadsOutsideTheStore() throws Exception {
        Path store = Files.createDirectories(dir.resolve("store/default"));
        Files.write(dir.resolve("secret"), BYTES);
        Files.createSymbolicLink(store.resolve("zero"), Path.of("/dev/zero"));
        Files.createSymbolicLink(store.resolve("out"), dir.resolve("secret"));
        Files.createSymbolicLink(store.resolve("dir"), dir);

        for (String uri :
                new String[] {
                    "file:/dev/zero",
                    "file://" + dir.resolve("secret"),
                    "jar:file:/tmp/x.jar!/a",
                    "ftp://example.com/a",
                    "store:../secret",
                    "store:default/../../secret",
                    "store:/etc/passwd",
                    "store:default\\..\\..\\secret",
                    "store:",
                    "/dev/zero",
                    "store:default/zero",
                    "store:default/out",
                    "store:default/dir/secret",
                    "store:default"
                }) {
            assertThatThrownBy(() -> fetcher().fetch(byUri(uri)))
                    .as(uri)
                    .isInstanceOf(RewardLoopException.class)
                    .hasMessageContaining("refusing artifact");
        }
    }

    @Test
    void shouldRefuseAStoreReferenceWhenNoStoreIsConfigured() {
        assertThat(new ArtifactFetcher(ChannelConfig.defaults()).problem(byUri("store:default/a")))
                .hasValueSatisfying(p -> assertThat(p).contains(ChannelConfig.ARTIFACT_DIR));
    }

    @Test
    void shouldRefuseAFileLargerThanTheRecordSays() throws Exception {
        Path store = Files.createDirectories(dir.resolve("store/default"));
        Files.write(store.resolve("big"), new byte[BYTES.length + 1]);

        assertThatThrownBy(() -> fetcher().fetch(byUri("store:default/big")))
                .hasMessageContaining("more than the " + BYTES.length + " allowed");
    }

    @Test
    void shouldRefuseARecordOverTheSizeLimitBeforeFetching() {
        ModelPublished huge =
                record(ModelArtifact.sha256(BYTES), ChannelConfig.DEFAULT_ARTIFACT_MAX_BYTES + 1)
                        .setArtifactUri("store:default/a")
                        .build();

        assertThat(fetcher().problem(huge))
                .hasValueSatisfying(p -> assertThat(p).contains("over the limit"));
    }

    @Test
    void shouldDownloadOverHttpWithAByteCap() throws Exception {
        byte[] longer = Arrays.copyOf(BYTES, BYTES.length * 1000);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", ex -> respond(ex, BYTES));
        server.createContext("/long", ex -> respond(ex, longer));
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();

            assertThat(fetcher().fetch(byUri(base + "/ok"))).isEqualTo(BYTES);
            assertThatThrownBy(() -> fetcher().fetch(byUri(base + "/long")))
                    .hasMessageContaining("more than the " + BYTES.length + " bytes allowed");
            assertThatThrownBy(() -> fetcher().fetch(byUri(base + "/missing")))
                    .hasMessageContaining("HTTP 404");
        } finally {
            server.stop(0);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange ex, byte[] body)
            throws java.io.IOException {
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
