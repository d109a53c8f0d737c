package io.rewardloop.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes JSON lines in input order when their results arrive out of order: a result waits until
 * every earlier one has been written.
 */
final class InOrderOutput {

    private final PrintWriter out;
    private final Map<Integer, ObjectNode> waiting = new HashMap<>();
    private int next;

    InOrderOutput(PrintWriter out) {
        this.out = out;
    }

    /**
     * Takes the result of one input line and writes every result that is now in order.
     *
     * @param index the line's 0-based position among the input's non-blank lines
     * @param result its result
     */
    void put(int index, ObjectNode result) {
        waiting.put(index, result);
        boolean wrote = false;
        for (ObjectNode ready = waiting.remove(next); ready != null; ready = waiting.remove(next)) {
            out.println(ready);
            next++;
            wrote = true;
        }
        if (wrote) {
            out.flush();
        }
    }

    /** How many results have been written. */
    int written() {
        return next;
    }
}
