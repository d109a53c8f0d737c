package io.rewardloop.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ServiceRunnerTest {

    private final List<String> closed = new CopyOnWriteArrayList<>();

    /** A service whose main loop ends when stopped, or when told to die. */
    private final class FakeService implements ServiceRunner.Service {
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile String failure;

        void die(String why) {
            failure = why;
            ended.countDown();
        }

        @Override
        public void awaitTermination() throws InterruptedException {
            ended.await();
        }

        @Override
        public String describe() {
            return "listening on http://127.0.0.1:1234";
        }

        @Override
        public Optional<String> failure() {
            return Optional.ofNullable(failure);
        }

        @Override
        public void close() {
            closed.add("service");
            ended.countDown();
        }
    }

    @Test
    void shouldExitZeroWhenStoppedAndCloseEverythingNewestFirst() throws Exception {
        StringWriter console = new StringWriter();
        ServiceRunner<FakeService> runner =
                ServiceRunner.builder("fake", FakeService::new)
                        .optAlsoClose(() -> closed.add("loader"))
                        .optAlsoClose(() -> closed.add("cache"))
                        .optOut(new PrintWriter(console))
                        .optShutdownHook(false)
                        .start();

        runner.close();
        runner.close();

        assertThat(runner.awaitExit()).isZero();
        assertThat(closed).containsExactly("service", "cache", "loader");
        assertThat(console.toString()).contains("fake: listening on http://127.0.0.1:1234");
    }

    @Test
    void shouldExitOneWhenTheServiceDiesOnItsOwn() throws Exception {
        try (ServiceRunner<FakeService> runner =
                ServiceRunner.builder("fake", FakeService::new).start()) {
            runner.service().die("the loop failed: broker gone");

            assertThat(runner.awaitExit()).isEqualTo(1);
        }
        assertThat(closed).containsExactly("service");
    }

    @Test
    void shouldCloseWhatItWasGivenWhenTheServiceCannotStart() {
        assertThatThrownBy(
                        () ->
                                ServiceRunner.<FakeService>builder(
                                                "fake",
                                                () -> {
                                                    throw new IllegalStateException("no broker");
                                                })
                                        .optAlsoClose(() -> closed.add("loader"))
                                        .start())
                .hasMessage("no broker");
        assertThat(closed).containsExactly("loader");
    }
}
