package io.rewardloop.channel;

import io.rewardloop.common.RewardLoopException;
import io.rewardloop.events.ModelPublished;
import io.rewardloop.model.artifact.ModelArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;

/**
 * Fetches a published model's artifact and refuses it unless it is the one the record describes:
 * inline bytes, a {@code store:} reference inside the configured {@link ArtifactStore}, or an
 * http(s) URL (timeouts, a byte cap); every other scheme ({@code file:}, {@code jar:}, ...) is
 * refused. The bytes must be exactly the record's {@code sizeBytes}, at most the size limit, and
 * match its sha256.
 */
public final class ArtifactFetcher {

    private final ChannelConfig config;
    private final Optional<ArtifactStore> store;
    private HttpClient http;

    /**
     * Creates a fetcher.
     *
     * @param config the store, the size limit and the http timeout
     */
    public ArtifactFetcher(ChannelConfig config) {
        this.config = config;
        this.store = config.artifactDir().map(ArtifactStore::new);
    }

    /**
     * Checks what can be checked without fetching: size, sha256 form, where the artifact is.
     *
     * @param record the record
     * @return empty when acceptable, else why not
     */
    public Optional<String> problem(ModelPublished record) {
        if (record.getSizeBytes() < 0 || record.getSizeBytes() > config.artifactMaxBytes()) {
            return Optional.of(
                    "size "
                            + record.getSizeBytes()
                            + " bytes is over the limit of "
                            + config.artifactMaxBytes()
                            + " ("
                            + ChannelConfig.ARTIFACT_MAX_BYTES
                            + ")");
        }
        if (!record.getSha256().matches("[0-9a-fA-F]{64}")) {
            return Optional.of("sha256 is not 64 hex digits");
        }
        if (record.getArtifact() != null) {
            return Optional.empty();
        }
        String uri = record.getArtifactUri();
        if (uri == null) {
            return Optional.of("neither inline bytes nor a URI");
        }
        try {
            if (uri.startsWith(ArtifactStore.SCHEME)) {
                store.orElseThrow(
                                () ->
                                        new RewardLoopException(
                                                "it is in an artifact store and "
                                                        + ChannelConfig.ARTIFACT_DIR
                                                        + " is not set"))
                        .resolve(uri);
                return Optional.empty();
            }
            httpUri(uri);
            return Optional.empty();
        } catch (RewardLoopException | IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Fetches and verifies the artifact.
     *
     * @param record a record that passed {@link #problem}
     * @return the bytes, matching the record's size and sha256
     * @throws RewardLoopException when it cannot be fetched or does not match
     */
    public byte[] fetch(ModelPublished record) {
        problem(record).ifPresent(p -> fail(record, p));
        byte[] bytes = read(record);
        if (bytes.length != record.getSizeBytes()) {
            fail(record, bytes.length + " bytes but the record says " + record.getSizeBytes());
        }
        String actual = ModelArtifact.sha256(bytes);
        if (!actual.equalsIgnoreCase(record.getSha256())) {
            fail(
                    record,
                    "artifact sha256 is "
                            + actual
                            + " but the record says "
                            + record.getSha256()
                            + "; refusing it");
        }
        return bytes;
    }

    private byte[] read(ModelPublished record) {
        long limit = Math.min(record.getSizeBytes(), config.artifactMaxBytes());
        ByteBuffer inline = record.getArtifact();
        if (inline != null) {
            byte[] bytes = new byte[inline.remaining()];
            inline.duplicate().get(bytes);
            return bytes;
        }
        String uri = record.getArtifactUri();
        if (uri.startsWith(ArtifactStore.SCHEME)) {
            return store.orElseThrow().read(uri, limit);
        }
        return download(httpUri(uri), limit);
    }

    private byte[] download(URI uri, long limit) {
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(config.httpTimeout()).GET().build();
        try {
            HttpResponse<InputStream> response =
                    client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new RewardLoopException(
                            "artifact " + uri + ": HTTP " + response.statusCode());
                }
                return Bounded.readAtMost(body, limit, uri.toString());
            }
        } catch (IOException e) {
            throw new RewardLoopException("cannot download artifact " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RewardLoopException("interrupted while downloading " + uri, e);
        }
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http =
                    HttpClient.newBuilder()
                            .connectTimeout(config.httpTimeout())
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
        }
        return http;
    }

    private static URI httpUri(String text) {
        URI uri = URI.create(text);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new RewardLoopException(
                    "refusing artifact "
                            + text
                            + ": only inline bytes, store: references and http(s) URLs are read");
        }
        return uri;
    }

    private static void fail(ModelPublished record, String why) {
        throw new RewardLoopException("model " + record.getVersion() + ": " + why);
    }
}
