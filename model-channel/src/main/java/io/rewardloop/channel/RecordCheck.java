package io.rewardloop.channel;

import io.rewardloop.events.ModelPublished;
import java.util.Optional;

/**
 * The checks a record passes before the {@link VersionRule} sees it, none of which fetches the
 * artifact: the size limit, the sha256's form, where the artifact is, and the signature.
 */
final class RecordCheck {

    private final ArtifactFetcher fetcher;
    private final ModelSigning signing;

    RecordCheck(ArtifactFetcher fetcher, ModelSigning signing) {
        this.fetcher = fetcher;
        this.signing = signing;
    }

    Optional<String> problem(String lineage, ModelPublished record) {
        Optional<String> artifact = fetcher.problem(record);
        return artifact.isPresent() ? artifact : signing.problem(lineage, record);
    }
}
