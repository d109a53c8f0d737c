package io.rewardloop.feedback.streams;

import io.rewardloop.feedback.FeedbackIndex;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The {@link FeedbackIndex} over the global store {@value FeedbackTopology#INDEX_STORE}, which
 * every instance builds from the dedup store's changelog: each instance knows every recorded id,
 * whichever instance recorded it, with no call between instances. It lags the dedup decision by
 * about one commit interval; the topology stays the authority (a retry the index misses is still
 * dropped there, never a second event). While the store cannot be queried (starting, restoring) the
 * index knows nothing.
 */
public final class StreamsFeedbackIndex implements FeedbackIndex {

    private final KafkaStreams streams;

    /**
     * An index over a running application of {@link FeedbackTopology}.
     *
     * @param streams the application
     */
    public StreamsFeedbackIndex(KafkaStreams streams) {
        this.streams = Objects.requireNonNull(streams, "streams");
    }

    @Override
    public Optional<String> contentHash(String feedbackId) {
        try {
            ReadOnlyKeyValueStore<String, String> store =
                    streams.store(
                            StoreQueryParameters.fromNameAndType(
                                    FeedbackTopology.INDEX_STORE,
                                    QueryableStoreTypes.keyValueStore()));
            return Optional.ofNullable(store.get(feedbackId));
        } catch (InvalidStateStoreException notQueryableNow) {
            return Optional.empty();
        }
    }
}
