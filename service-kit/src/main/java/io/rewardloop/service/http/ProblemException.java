package io.rewardloop.service.http;

/** Thrown by a handler to answer with a {@link Problem}; {@link HttpService} sends it. */
public final class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The answer, transient: problems are not serialized with the exception. */
    private final transient Problem problem;

    /**
     * Creates the exception.
     *
     * @param problem the answer to send
     */
    public ProblemException(Problem problem) {
        super(problem.status() + " " + problem.title() + ": " + problem.detail());
        this.problem = problem;
    }

    /**
     * The answer to send.
     *
     * @return the problem
     */
    public Problem problem() {
        return problem;
    }
}
