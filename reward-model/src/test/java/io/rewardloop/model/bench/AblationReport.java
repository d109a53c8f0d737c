package io.rewardloop.model.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@link RobustAblation}'s outcomes as markdown: per protocol, each variant's mean accuracy
 * over seeds and its paired-bootstrap difference from the protocol's first (plain) variant.
 */
final class AblationReport {

    private static final int RESAMPLES = 2000;

    private final Map<String, List<double[]>> outcomes;
    private final Map<String, List<Double>> extras;

    AblationReport(Map<String, List<double[]>> outcomes, Map<String, List<Double>> extras) {
        this.outcomes = outcomes;
        this.extras = extras;
    }

    String render(String args, double minutes) {
        Map<String, List<String>> byProtocol = new LinkedHashMap<>();
        for (String key : outcomes.keySet()) {
            String[] parts = key.split("\t");
            byProtocol.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1]);
        }
        StringBuilder md = new StringBuilder();
        md.append("# Retrainer ablation: noisy labels and MetaRM on HH-RLHF\n\n");
        md.append(
                "| protocol | variant | seeds | eval pairs | accuracy | delta vs plain | 95% CI | p |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | --- | ---: |\n");
        for (Map.Entry<String, List<String>> protocol : byProtocol.entrySet()) {
            List<double[]> base =
                    outcomes.get(protocol.getKey() + "\t" + protocol.getValue().get(0));
            for (String variant : protocol.getValue()) {
                List<double[]> runs = outcomes.get(protocol.getKey() + "\t" + variant);
                md.append(row(protocol.getKey(), variant, base, runs)).append('\n');
            }
        }
        md.append("\nPer-variant training statistics (mean over seeds):\n\n");
        extras.forEach(
                (key, values) ->
                        md.append(
                                String.format(
                                        Locale.ROOT,
                                        "- %s: %.4f%n",
                                        key.replace("|", " / "),
                                        values.stream()
                                                .mapToDouble(Double::doubleValue)
                                                .average()
                                                .orElse(Double.NaN))));
        md.append(
                String.format(
                        Locale.ROOT,
                        "%nMachine: %d cores, %s %s; whole run %.1f min (features cached).%n",
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.vm.name"),
                        System.getProperty("java.version"),
                        minutes));
        md.append(
                        "\nReproduce (from the repository root):\n\n```\nbenchmarks/retrainer-ablation.sh ")
                .append(args)
                .append("\n```\n");
        return md.toString();
    }

    private static String row(
            String protocol, String variant, List<double[]> base, List<double[]> runs) {
        double accuracy =
                runs.stream()
                        .mapToDouble(o -> Arrays.stream(o).average().orElse(Double.NaN))
                        .average()
                        .orElse(Double.NaN);
        if (runs == base) {
            return String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %d | %.4f | - | - | - |",
                    protocol,
                    variant,
                    runs.size(),
                    runs.get(0).length,
                    accuracy);
        }
        PairedBootstrap test = PairedBootstrap.compare(base, runs, RESAMPLES, 17);
        return String.format(
                Locale.ROOT,
                "| %s | %s | %d | %d | %.4f | %+.4f | [%+.4f, %+.4f] | %.3f |",
                protocol,
                variant,
                runs.size(),
                runs.get(0).length,
                accuracy,
                test.delta(),
                test.low(),
                test.high(),
                test.p());
    }
}
