package io.rewardloop.model.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads absolute ratings, one JSON object a line, gzipped or not:
 *
 * <pre>{@code
 * {"prompt": "...", "response": "...", "ratings": {"helpfulness": 4, "safety": 1},
 *  "scales": {"helpfulness": [1, 5], "safety": [0, 1]}}
 * }</pre>
 *
 * Every rating is rescaled linearly to [0, 1] with its scale, as ArmoRM's stage 1 expects. {@code
 * "scales"} may be given per line; an objective with no scale on its line must be rated on [0, 1]
 * already, and a value outside its scale is an error naming the line.
 */
public final class RatingFileReader {

    private RatingFileReader() {}

    /**
     * Reads the selected lines.
     *
     * @param file the file
     * @param selection which lines
     * @return the examples, ratings rescaled to [0, 1]
     */
    public static List<RatedExample> read(Path file, LineSelection selection) {
        List<RatedExample> examples = new ArrayList<>();
        JsonLines.forEach(
                file,
                selection,
                (line, object) -> {
                    String prompt = JsonLines.requiredText(file, line, object, "prompt");
                    String response = JsonLines.requiredText(file, line, object, "response");
                    examples.add(new RatedExample(prompt, response, ratings(file, line, object)));
                });
        return examples;
    }

    private static Map<String, Double> ratings(Path file, long line, JsonNode object) {
        JsonNode ratings = object.get("ratings");
        if (ratings == null || !ratings.isObject() || ratings.isEmpty()) {
            throw new DataFileException(
                    file, line, "\"ratings\" must be a non-empty object of objective -> number");
        }
        JsonNode scales = object.path("scales");
        Map<String, Double> rescaled = new HashMap<>();
        for (Map.Entry<String, JsonNode> rating : ratings.properties()) {
            String objective = rating.getKey();
            if (rating.getValue().isNull()) {
                continue; // not rated on this objective: masked in training
            }
            if (!rating.getValue().isNumber()) {
                throw new DataFileException(
                        file, line, "rating \"" + objective + "\" must be a number");
            }
            double[] scale = scale(file, line, scales.get(objective), objective);
            double value = rating.getValue().asDouble();
            if (value < scale[0] || value > scale[1]) {
                throw new DataFileException(
                        file,
                        line,
                        "rating \""
                                + objective
                                + "\" = "
                                + value
                                + " is outside its scale ["
                                + scale[0]
                                + ", "
                                + scale[1]
                                + "]");
            }
            rescaled.put(objective, (value - scale[0]) / (scale[1] - scale[0]));
        }
        return rescaled;
    }

    private static double[] scale(Path file, long line, JsonNode scale, String objective) {
        if (scale == null || scale.isNull()) {
            return new double[] {0, 1};
        }
        if (!scale.isArray()
                || scale.size() != 2
                || !scale.get(0).isNumber()
                || !scale.get(1).isNumber()
                || scale.get(0).asDouble() >= scale.get(1).asDouble()) {
            throw new DataFileException(
                    file, line, "scale of \"" + objective + "\" must be [min, max] with min < max");
        }
        return new double[] {scale.get(0).asDouble(), scale.get(1).asDouble()};
    }
}
