package io.rewardloop.schemas;

import io.rewardloop.common.RewardLoopException;
import java.util.List;

/**
 * Topics that already exist do not have the settings the reward loop needs: each problem names the
 * topic, the setting, what it is, what it needs and the command that fixes it.
 */
public class TopicConfigException extends RewardLoopException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param problems one line per wrong setting, e.g. {@code rlhf.models: cleanup.policy is
     *     'delete', needs 'compact' (...)}
     */
    public TopicConfigException(List<String> problems) {
        super(
                "Existing topics do not have the settings the reward loop needs (existing topics"
                        + " are never changed automatically):\n  "
                        + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * What is wrong, one line per topic and setting.
     *
     * @return the problems
     */
    public List<String> problems() {
        return problems;
    }
}
