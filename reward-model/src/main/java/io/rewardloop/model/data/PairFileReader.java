package io.rewardloop.model.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads pairwise preference files, one JSON object a line, gzipped or not, in either form:
 *
 * <ul>
 *   <li>{@code {"prompt", "chosen", "rejected"}} with optional {@code "subset"} and {@code
 *       "objective"};
 *   <li>HH-RLHF: {@code {"chosen", "rejected"}}, each the whole dialogue (see {@link
 *       HhRlhfDialogue}).
 * </ul>
 *
 * A line that is not valid JSON, lacks a field, or is a dialogue without an assistant turn stops
 * the read with a {@link DataFileException} naming the file and line.
 */
public final class PairFileReader {

    private static final Logger LOG = LoggerFactory.getLogger(PairFileReader.class);

    private PairFileReader() {}

    /**
     * Reads the selected lines of one source.
     *
     * @param source the file and its objective
     * @param selection which lines
     * @return the pairs, in file order
     */
    public static List<PreferencePair> read(PairSource source, LineSelection selection) {
        Path file = source.file();
        List<PreferencePair> pairs = new ArrayList<>();
        int[] historyMismatches = {0};
        JsonLines.forEach(
                file,
                selection,
                (line, object) -> {
                    PreferencePair pair = toPair(file, line, object, historyMismatches);
                    String objective =
                            pair.objective() != null ? pair.objective() : source.objective();
                    pairs.add(pair.withObjective(objective));
                });
        if (historyMismatches[0] > 0) {
            LOG.info(
                    "{}: {} dialogue pairs differ before the last assistant turn; kept with the"
                            + " chosen side's history as the prompt",
                    file,
                    historyMismatches[0]);
        }
        return pairs;
    }

    /**
     * Reads several sources and concatenates their pairs.
     *
     * @param sources the sources
     * @param selection which lines of each
     * @return all pairs
     */
    public static List<PreferencePair> readAll(List<PairSource> sources, LineSelection selection) {
        List<PreferencePair> pairs = new ArrayList<>();
        for (PairSource source : sources) {
            pairs.addAll(read(source, selection));
        }
        return pairs;
    }

    private static PreferencePair toPair(
            Path file, long line, JsonNode object, int[] historyMismatches) {
        String chosen = JsonLines.requiredText(file, line, object, "chosen");
        String rejected = JsonLines.requiredText(file, line, object, "rejected");
        String objective = JsonLines.optionalText(object, "objective");
        String subset = JsonLines.optionalText(object, "subset");
        if (object.has("prompt")) {
            String prompt = JsonLines.requiredText(file, line, object, "prompt");
            return new PreferencePair(prompt, chosen, rejected, objective, subset);
        }
        HhRlhfDialogue.Split split = HhRlhfDialogue.split(chosen, rejected);
        if (split == null) {
            throw new DataFileException(
                    file,
                    line,
                    "no \"prompt\" field, and \"chosen\"/\"rejected\" are not HH-RLHF dialogues"
                            + " (no \\n\\nAssistant: turn)");
        }
        if (!split.sameHistory()) {
            historyMismatches[0]++;
        }
        return new PreferencePair(
                split.prompt(), split.chosen(), split.rejected(), objective, subset);
    }
}
