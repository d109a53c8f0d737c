package io.rewardloop.launcher;

import io.rewardloop.common.ConfigException;
import io.rewardloop.model.data.LineSelection;
import io.rewardloop.model.data.PairFileReader;
import io.rewardloop.model.data.PairSource;
import io.rewardloop.model.data.PreferencePair;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The demo's human labels: the HH-RLHF test splits shipped with the launcher ({@code
 * demo/hh-rlhf/}, MIT licence beside them), each shuffled with a fixed seed and cut into disjoint
 * parts. Helpful-base gives the initial model's training pairs and round 1's pairs; harmless-base
 * gives the pairs of rounds 2 and later and the held-out pairs that are never posted as feedback.
 *
 * @param initial the pairs the initial model trains on (helpfulness)
 * @param rounds each round's pairs, round 1 first (helpfulness, then harmlessness)
 * @param heldOut harmless pairs no model trains on, for the final comparison
 */
record DemoData(
        List<PreferencePair> initial,
        List<List<PreferencePair>> rounds,
        List<PreferencePair> heldOut) {

    /** The objective of helpful-base's pairs. */
    static final String HELPFULNESS = "helpfulness";

    /** The objective of harmless-base's pairs. */
    static final String HARMLESSNESS = "harmlessness";

    private static final String RESOURCES = "/demo/hh-rlhf/";

    // The scorer's scorer.text.max.chars: a longer text would be cut, or refused over HTTP.
    private static final int MAX_TEXT_CHARS = 32_768;

    /**
     * Reads and splits the shipped files.
     *
     * @param sizes how many pairs each part takes
     * @param seed the shuffle's seed
     * @return the parts
     * @throws ConfigException when a file has too few pairs for the sizes
     */
    static DemoData load(DemoSizes sizes, long seed) {
        List<PreferencePair> helpful =
                shuffled(read("helpful-base_test.jsonl.gz", HELPFULNESS), seed);
        List<PreferencePair> harmless =
                shuffled(read("harmless-base_test.jsonl.gz", HARMLESSNESS), seed);
        int perRound = sizes.pairsPerRound();
        int helpfulNeeded = sizes.initialPairs() + perRound;
        int harmlessNeeded = (sizes.rounds() - 1) * perRound + sizes.heldOut();
        if (helpful.size() < helpfulNeeded || harmless.size() < harmlessNeeded) {
            throw new ConfigException(
                    String.format(
                            "the demo needs %d helpful-base and %d harmless-base pairs; the files"
                                    + " hold %d and %d usable ones",
                            helpfulNeeded, harmlessNeeded, helpful.size(), harmless.size()));
        }
        List<List<PreferencePair>> rounds = new ArrayList<>();
        rounds.add(helpful.subList(sizes.initialPairs(), helpfulNeeded));
        for (int round = 1; round < sizes.rounds(); round++) {
            rounds.add(harmless.subList((round - 1) * perRound, round * perRound));
        }
        List<PreferencePair> heldOut =
                harmless.subList(harmlessNeeded - sizes.heldOut(), harmlessNeeded);
        return new DemoData(helpful.subList(0, sizes.initialPairs()), rounds, heldOut);
    }

    private static List<PreferencePair> shuffled(List<PreferencePair> pairs, long seed) {
        List<PreferencePair> copy = new ArrayList<>(pairs);
        Collections.shuffle(copy, new Random(seed));
        return List.copyOf(copy);
    }

    /** Reads one file; pairs feedback cannot carry (identical or empty sides) are left out. */
    private static List<PreferencePair> read(String name, String objective) {
        Path file = copyOut(name);
        try {
            return PairFileReader.read(new PairSource(file, objective), LineSelection.parse("all"))
                    .stream()
                    .filter(DemoData::usable)
                    .toList();
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }

    private static boolean usable(PreferencePair pair) {
        return !pair.chosen().isBlank()
                && !pair.rejected().isBlank()
                && !pair.chosen().equals(pair.rejected())
                && pair.prompt().length() <= MAX_TEXT_CHARS
                && pair.chosen().length() <= MAX_TEXT_CHARS
                && pair.rejected().length() <= MAX_TEXT_CHARS;
    }

    /** The reader takes files; the resource lives in the launcher jar. */
    private static Path copyOut(String name) {
        try (InputStream in = DemoData.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCES + name + " is missing");
            }
            Path file = Files.createTempFile("rlhf-demo-", "-" + name);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCES + name, e);
        }
    }
}
