package io.rewardloop.model.data;

import io.rewardloop.common.RewardLoopException;
import java.nio.file.Path;

/** A data file could not be read; the message names the file and, where known, the line. */
public class DataFileException extends RewardLoopException {

    /**
     * An error at one line.
     *
     * @param file the file
     * @param line the 1-based line number
     * @param problem what is wrong with that line
     */
    public DataFileException(Path file, long line, String problem) {
        super(file + ":" + line + ": " + problem);
    }

    /**
     * An error with the whole file.
     *
     * @param file the file
     * @param problem what is wrong
     * @param cause the underlying failure
     */
    public DataFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
