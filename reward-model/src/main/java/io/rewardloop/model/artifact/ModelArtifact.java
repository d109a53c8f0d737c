package io.rewardloop.model.artifact;

import io.rewardloop.model.artifact.ArtifactException.Reason;
import io.rewardloop.model.heads.RewardModel;
import io.rewardloop.model.heads.TrainingMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A versioned, self-describing reward-model artifact: the model (W, debiasing, length
 * standardization, gating weights, tau, beta), its lineage (model version, parent version, backbone
 * id, created-at), feature dimension, objective names and kinds, and training metrics. {@link
 * #toBytes()} is deterministic (same artifact, same bytes) and {@link #fromBytes(byte[])} restores
 * it exactly. For the 384-d MiniLM heads with H = 256 and K = 2 the bytes are about 0.93 MB, small
 * enough for a Kafka record.
 */
public final class ModelArtifact {

    /** The artifact file that {@link #save(Path)} writes. */
    public static final String FILE_NAME = "reward-model.armo";

    /** The SHA-256 sidecar that {@link #save(Path)} writes next to it. */
    public static final String SHA256_FILE_NAME = FILE_NAME + ".sha256";

    private final RewardModel model;
    private final String modelVersion;
    private final String parentVersion;
    private final String backboneId;
    private final Instant createdAt;
    private final TrainingMetrics metrics;
    private byte[] bytes;

    private ModelArtifact(Builder b) {
        this.model = b.model;
        this.modelVersion = b.modelVersion;
        this.parentVersion = b.parentVersion;
        this.backboneId = b.backboneId;
        this.createdAt = b.createdAt;
        this.metrics = b.metrics;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the model.
     *
     * @return the reward model
     */
    public RewardModel model() {
        return model;
    }

    /**
     * Returns this artifact's version.
     *
     * @return the model version
     */
    public String modelVersion() {
        return modelVersion;
    }

    /**
     * Returns the version this one was trained from.
     *
     * @return the parent version, or null for a first model
     */
    public String parentVersion() {
        return parentVersion;
    }

    /**
     * Returns the backbone whose features the heads read.
     *
     * @return the backbone id
     */
    public String backboneId() {
        return backboneId;
    }

    /**
     * Returns when the model was created.
     *
     * @return the creation instant
     */
    public Instant createdAt() {
        return createdAt;
    }

    /**
     * Returns the training metrics.
     *
     * @return the metrics
     */
    public TrainingMetrics metrics() {
        return metrics;
    }

    /**
     * Returns the feature dimension d the model expects.
     *
     * @return d
     */
    public int featureDimension() {
        return model.heads().dimension();
    }

    /**
     * Returns the objective names in order.
     *
     * @return K names
     */
    public List<String> objectiveNames() {
        return model.objectives().names();
    }

    /**
     * Serializes the artifact (deterministically: the same artifact always gives the same bytes).
     *
     * @return a copy of the bytes
     */
    public synchronized byte[] toBytes() {
        if (bytes == null) {
            bytes = ArtifactCodec.write(ArtifactHeader.encode(this), ArtifactHeader.tensors(model));
        }
        return bytes.clone();
    }

    /**
     * Returns the SHA-256 of {@link #toBytes()}.
     *
     * @return 64 lowercase hex digits
     */
    public String sha256() {
        return sha256(toBytes());
    }

    /**
     * Computes the SHA-256 of some bytes.
     *
     * @param bytes the bytes
     * @return 64 lowercase hex digits
     */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Reads an artifact from bytes.
     *
     * @param bytes what {@link #toBytes()} produced
     * @return the artifact
     * @throws ArtifactException when the bytes are truncated, corrupted, foreign or malformed
     */
    public static ModelArtifact fromBytes(byte[] bytes) {
        return ArtifactReader.read(ArtifactCodec.read(bytes));
    }

    /**
     * Reads an artifact from bytes after checking them against an expected SHA-256 (as carried by a
     * {@code ModelPublished} record).
     *
     * @param bytes the bytes
     * @param expectedSha256 the expected hex digest
     * @return the artifact
     * @throws ArtifactException with {@link Reason#CHECKSUM_MISMATCH} when the digest differs, or
     *     another reason when the bytes are damaged
     */
    public static ModelArtifact fromBytes(byte[] bytes, String expectedSha256) {
        String actual = sha256(bytes);
        if (!actual.equalsIgnoreCase(expectedSha256.strip())) {
            throw new ArtifactException(
                    Reason.CHECKSUM_MISMATCH,
                    "SHA-256 is " + actual + ", expected " + expectedSha256.strip());
        }
        return fromBytes(bytes);
    }

    /**
     * Writes {@value #FILE_NAME} and its {@value #SHA256_FILE_NAME} sidecar into a directory
     * (created if needed), each through a temporary file and an atomic move.
     *
     * @param directory the target directory
     * @return the artifact file's path
     * @throws IOException when writing fails
     */
    public Path save(Path directory) throws IOException {
        return ArtifactFiles.write(directory, toBytes());
    }

    /**
     * Reads the artifact that {@link #save(Path)} wrote, checking it against its sidecar.
     *
     * @param directory the directory holding {@value #FILE_NAME} and {@value #SHA256_FILE_NAME}
     * @return the artifact
     * @throws IOException when reading fails
     * @throws ArtifactException when the file fails its checksum or is damaged
     */
    public static ModelArtifact load(Path directory) throws IOException {
        ArtifactFiles.Contents contents = ArtifactFiles.read(directory);
        return fromBytes(contents.bytes(), contents.expectedSha256());
    }

    /** Builds a {@link ModelArtifact}: model, model version and backbone id are required. */
    public static final class Builder {

        private RewardModel model;
        private String modelVersion;
        private String parentVersion;
        private String backboneId;
        private Instant createdAt;
        private TrainingMetrics metrics = TrainingMetrics.empty();

        private Builder() {}

        /**
         * Sets the model.
         *
         * @param model the trained reward model
         * @return this builder
         */
        public Builder setModel(RewardModel model) {
            this.model = model;
            return this;
        }

        /**
         * Sets this artifact's version.
         *
         * @param modelVersion a non-blank version string
         * @return this builder
         */
        public Builder setModelVersion(String modelVersion) {
            this.modelVersion = modelVersion;
            return this;
        }

        /**
         * Sets the backbone whose features the heads read.
         *
         * @param backboneId e.g. {@code all-minilm-l6-v2}
         * @return this builder
         */
        public Builder setBackboneId(String backboneId) {
            this.backboneId = backboneId;
            return this;
        }

        /**
         * Sets the version this one was trained from.
         *
         * @param parentVersion the parent version
         * @return this builder
         */
        public Builder optParentVersion(String parentVersion) {
            this.parentVersion = parentVersion;
            return this;
        }

        /**
         * Sets the creation time (default: now, to the millisecond).
         *
         * @param createdAt the instant
         * @return this builder
         */
        public Builder optCreatedAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /**
         * Sets the training metrics.
         *
         * @param metrics the metrics
         * @return this builder
         */
        public Builder optMetrics(TrainingMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the artifact
         * @throws IllegalArgumentException when a required value is missing or blank
         */
        public ModelArtifact build() {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(metrics, "metrics");
            if (modelVersion == null || modelVersion.isBlank()) {
                throw new IllegalArgumentException("modelVersion is required");
            }
            if (backboneId == null || backboneId.isBlank()) {
                throw new IllegalArgumentException("backboneId is required");
            }
            if (createdAt == null) {
                createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            }
            return new ModelArtifact(this);
        }
    }
}
