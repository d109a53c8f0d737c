package io.rewardloop.model.data;

/**
 * Splits an HH-RLHF pair of whole dialogues into prompt, chosen response and rejected response.
 *
 * <p>Each side is {@code \n\nHuman: ...\n\nAssistant: ...}; the prompt is everything before the
 * last {@code \n\nAssistant:} of the chosen dialogue, and each response is what follows its own
 * last {@code \n\nAssistant:}. In a handful of HH-RLHF pairs the two dialogues differ before that
 * turn; they are kept (the chosen side's history is the prompt) and counted by the reader.
 *
 * <p>Public for the launcher's {@code rlhf feedback import}, which splits dialogues the same way.
 */
public final class HhRlhfDialogue {

    /** The marker of an assistant turn. */
    public static final String ASSISTANT_TURN = "\n\nAssistant:";

    private HhRlhfDialogue() {}

    /**
     * The split pair, or null when a side has no assistant turn.
     *
     * @param chosen the chosen dialogue
     * @param rejected the rejected dialogue
     * @return the split, or null
     */
    public static Split split(String chosen, String rejected) {
        int chosenTurn = chosen.lastIndexOf(ASSISTANT_TURN);
        int rejectedTurn = rejected.lastIndexOf(ASSISTANT_TURN);
        if (chosenTurn < 0 || rejectedTurn < 0) {
            return null;
        }
        String prompt = chosen.substring(0, chosenTurn + ASSISTANT_TURN.length());
        boolean sameHistory =
                chosenTurn == rejectedTurn && chosen.regionMatches(0, rejected, 0, chosenTurn);
        return new Split(
                prompt,
                chosen.substring(chosenTurn + ASSISTANT_TURN.length()).strip(),
                rejected.substring(rejectedTurn + ASSISTANT_TURN.length()).strip(),
                sameHistory);
    }

    /**
     * A split dialogue pair.
     *
     * @param prompt the shared history, ending with the assistant marker
     * @param chosen the chosen final turn
     * @param rejected the rejected final turn
     * @param sameHistory whether both dialogues had the same history
     */
    public record Split(String prompt, String chosen, String rejected, boolean sameHistory) {}
}
