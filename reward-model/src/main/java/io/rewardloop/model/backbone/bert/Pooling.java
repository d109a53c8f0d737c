package io.rewardloop.model.backbone.bert;

import java.util.Locale;

/**
 * How {@link BertEncoder} turns the final hidden states into one vector before L2 normalisation.
 */
public enum Pooling {
    /**
     * The mean over the attention mask: how sentence-transformers pools all-MiniLM-L6-v2 (the
     * default).
     */
    MEAN,
    /** The final hidden state of the first token, {@code [CLS]}: how BGE models pool. */
    CLS;

    /**
     * Returns the name backbone ids use.
     *
     * @return {@code mean} or {@code cls}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
