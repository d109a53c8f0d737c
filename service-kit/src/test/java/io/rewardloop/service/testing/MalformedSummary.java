package io.rewardloop.service.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The one line a malformed-input test prints per surface: inputs tried by kind, where they went,
 * and the good records sent and arrived.
 */
public final class MalformedSummary {

    private MalformedSummary() {}

    /**
     * Prints and returns the summary line.
     *
     * @param surface the topic or endpoint, e.g. {@code rlhf.responses} or {@code POST /v1/score}
     * @param inputs the malformed inputs tried
     * @param outcomes how many went where, e.g. {@code dlq=500} or {@code 400=310, 415=40}
     * @param goodSent good records or requests sent between them
     * @param goodArrived good ones that arrived (scored, recorded, answered 2xx)
     * @return the line
     */
    public static String print(
            String surface,
            List<HostileInput> inputs,
            Map<String, Long> outcomes,
            int goodSent,
            int goodArrived) {
        Map<String, Long> kinds =
                inputs.stream()
                        .collect(
                                Collectors.groupingBy(
                                        HostileInput::kind, TreeMap::new, Collectors.counting()));
        String line =
                String.format(
                        "MALFORMED %s: tried %d %s -> %s; good sent %d, arrived %d",
                        surface,
                        inputs.size(),
                        kinds,
                        new TreeMap<>(outcomes),
                        goodSent,
                        goodArrived);
        System.out.println(line);
        return line;
    }
}
