package io.rewardloop.schemas.serde;

import io.rewardloop.events.ControlEvent;
import io.rewardloop.events.ModelPublished;
import io.rewardloop.events.PreferenceRecorded;
import io.rewardloop.events.RatingRecorded;
import io.rewardloop.events.ResponseGenerated;
import io.rewardloop.events.RewardScored;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every known version of every event schema, by CRC-64-AVRO fingerprint: the schemas of the
 * generated classes plus the released versions kept as resources under {@code
 * schema-history/<Name>/v1.avsc}, {@code v2.avsc}, ... Immutable.
 *
 * <p>Evolving an event means: change its {@code .avsc} (BACKWARD-compatibly) and add the new
 * version as the next {@code vN.avsc}, so that embedded-mode readers built later can still decode
 * records written with every earlier version.
 */
final class SchemaHistory {

    static final String ROOT = "schema-history";

    static final List<Class<? extends SpecificRecord>> EVENT_TYPES =
            List.of(
                    ResponseGenerated.class,
                    RewardScored.class,
                    PreferenceRecorded.class,
                    RatingRecorded.class,
                    ModelPublished.class,
                    ControlEvent.class);

    private final Map<Long, Schema> byFingerprint;
    private final Map<String, List<Schema>> versions;

    private SchemaHistory(Map<Long, Schema> byFingerprint, Map<String, List<Schema>> versions) {
        this.byFingerprint = Map.copyOf(byFingerprint);
        this.versions = Map.copyOf(versions);
    }

    /** The history of this module's resources, loaded once. */
    static SchemaHistory standard() {
        return Standard.INSTANCE;
    }

    static SchemaHistory load(String root, ClassLoader loader) {
        Map<Long, Schema> byFingerprint = new HashMap<>();
        Map<String, List<Schema>> versions = new LinkedHashMap<>();
        for (Class<? extends SpecificRecord> type : EVENT_TYPES) {
            Schema current = SpecificData.getForClass(type).getSchema(type);
            List<Schema> released = released(root, loader, current);
            released.forEach(s -> byFingerprint.putIfAbsent(fingerprint(s), s));
            byFingerprint.put(fingerprint(current), current);
            versions.put(type.getSimpleName(), List.copyOf(released));
        }
        return new SchemaHistory(byFingerprint, versions);
    }

    static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    Optional<Schema> byFingerprint(long fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }

    /** The released versions of an event, oldest first, e.g. {@code versions("ModelPublished")}. */
    List<Schema> versions(String simpleName) {
        return versions.getOrDefault(simpleName, List.of());
    }

    int size() {
        return byFingerprint.size();
    }

    private static List<Schema> released(String root, ClassLoader loader, Schema current) {
        List<Schema> released = new ArrayList<>();
        for (int version = 1; ; version++) {
            String path = root + "/" + current.getName() + "/v" + version + ".avsc";
            URL url = loader.getResource(path);
            if (url == null) {
                return released;
            }
            Schema schema = parse(url);
            if (!schema.getFullName().equals(current.getFullName())) {
                throw new IllegalStateException(
                        path
                                + " defines "
                                + schema.getFullName()
                                + ", not "
                                + current.getFullName());
            }
            released.add(schema);
        }
    }

    private static Schema parse(URL url) {
        try (InputStream in = url.openStream()) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema " + url, e);
        }
    }

    private static final class Standard {
        static final SchemaHistory INSTANCE = load(ROOT, SchemaHistory.class.getClassLoader());
    }
}
