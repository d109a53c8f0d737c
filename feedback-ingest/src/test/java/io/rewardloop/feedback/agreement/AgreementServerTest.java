package io.rewardloop.feedback.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import io.rewardloop.feedback.IngestConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/** Where an instance advertises its HTTP API, and what a peer that does not answer gives. */
class AgreementServerTest {

    @Test
    void shouldAdvertiseTheConfiguredServerElseTheBindAddressAndTheBoundPort() throws Exception {
        assertThat(AgreementStreams.applicationServer("ingest-2.internal:9000", "0.0.0.0", 8090))
                .isEqualTo(new HostInfo("ingest-2.internal", 9000));
        assertThat(AgreementStreams.applicationServer("ingest-2.internal", "0.0.0.0", 8090))
                .isEqualTo(new HostInfo("ingest-2.internal", 8090));
        assertThat(AgreementStreams.applicationServer(null, "127.0.0.1", 43_210))
                .isEqualTo(new HostInfo("127.0.0.1", 43_210));
        assertThat(AgreementStreams.applicationServer(null, "0.0.0.0", 8090))
                .isEqualTo(new HostInfo(InetAddress.getLocalHost().getHostName(), 8090));
    }

    @Test
    void shouldReadTheAdvertisedServerKeyAndRefuseABadOne() {
        IngestConfig config =
                IngestConfig.from(
                        ConfigSource.of(
                                Map.of(), Map.of(IngestConfig.ADVERTISED_SERVER, "ingest-1:8090")));
        assertThat(config.advertisedServer()).isEqualTo("ingest-1:8090");
        assertThat(IngestConfig.from(ConfigSource.of(Map.of(), Map.of())).advertisedServer())
                .isNull();
        assertThatThrownBy(
                        () ->
                                IngestConfig.from(
                                        ConfigSource.of(
                                                Map.of(),
                                                Map.of(
                                                        IngestConfig.ADVERTISED_SERVER,
                                                        "http://ingest-1:8090"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(IngestConfig.ADVERTISED_SERVER);
    }

    @Test
    void shouldFailTheFetchFromAnInstanceThatDoesNotListen() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CompletableFuture<AgreementSums> answer =
                new AgreementPeers(AgreementApi.PATH + "?scope=local")
                        .fetch(new HostInfo("127.0.0.1", closedPort), null);

        assertThat(answer).failsWithin(AgreementPeers.TIMEOUT.multipliedBy(2));
        Throwable error = answer.handle((ok, e) -> e).join();
        assertThat(AgreementPeers.reason(error)).startsWith("unreachable");
    }
}
