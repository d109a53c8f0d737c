package io.rewardloop.status;

import io.rewardloop.channel.ModelCatalog;
import io.rewardloop.events.ModelPublished;
import io.rewardloop.status.StatusSnapshot.ModelRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The models table: a lineage's entries of the {@link ModelCatalog} as {@link ModelRow}s. */
final class ModelRows {

    private ModelRows() {}

    /**
     * The rows of one lineage, in log order, with what followers make of each.
     *
     * @param catalog the catalog read from {@code rlhf.models}
     * @param lineage the lineage
     * @return the rows; undecodable records are left out
     */
    static List<ModelRow> of(ModelCatalog catalog, String lineage) {
        long live = catalog.live(lineage).map(ModelCatalog.Entry::offset).orElse(-1L);
        List<ModelRow> rows = new ArrayList<>();
        for (ModelCatalog.Entry entry : catalog.lineage(lineage)) {
            ModelPublished record = entry.record();
            if (record == null) {
                continue;
            }
            String status =
                    entry.offset() == live
                            ? "live"
                            : entry.problem() == null ? "accepted" : "refused: " + entry.problem();
            rows.add(
                    new ModelRow(
                            record.getVersion(),
                            record.getParentVersion(),
                            record.getTrigger().name(),
                            record.getCreatedAt().toEpochMilli(),
                            record.getRollback(),
                            record.getSizeBytes(),
                            status,
                            finiteMetrics(record.getMetrics())));
        }
        return rows;
    }

    /**
     * The finite metrics, sorted by name (JSON has no NaN).
     *
     * @param metrics a record's metrics
     * @return a sorted copy without NaN or infinities
     */
    static Map<String, Double> finiteMetrics(Map<String, Double> metrics) {
        Map<String, Double> out = new TreeMap<>();
        metrics.forEach(
                (name, value) -> {
                    if (value != null && Double.isFinite(value)) {
                        out.put(name, value);
                    }
                });
        return out;
    }
}
