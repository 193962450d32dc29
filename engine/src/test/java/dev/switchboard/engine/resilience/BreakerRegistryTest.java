package dev.switchboard.engine.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One node's breakers ({@link BreakerRegistry}, {@link ModelBreaker}): consecutive transient
 * failures open a model at the threshold, the reset timeout leads to one half-open trial, whose
 * success closes the model and whose failure opens it again.
 */
class BreakerRegistryTest {
    static final int THRESHOLD = 3;
    static final long RESET_MS = 150;

    final Vertx vertx = Vertx.vertx();
    BreakerRegistry breakers;
    final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        breakers = new BreakerRegistry(vertx, model -> new ResilienceSettings(10_000, 5_000, 5_000, 0, 1_000, 10, THRESHOLD, RESET_MS));
        get(breakers.start());
    }

    @AfterEach
    void stop() throws Exception {
        get(vertx.close());
    }

    static <T> T get(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Runs one attempt through the model's breaker; returns its failure, or null on success. */
    Throwable attempt(Future<String> outcome) throws Exception {
        try {
            get(breakers.run("m", () -> {
                calls.incrementAndGet();
                return outcome;
            }));
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    static Future<String> fails(ErrorKind kind) {
        return Future.failedFuture(new ProviderException(kind, kind.defaultStatus(), null, kind.name(), null));
    }

    void open() throws Exception {
        for (int i = 0; i < THRESHOLD; i++) {
            attempt(fails(ErrorKind.UPSTREAM_5XX));
        }
        assertEquals("open", breakers.state("m"));
    }

    void awaitState(String state) throws Exception {
        long deadline = System.currentTimeMillis() + 5_000;
        while (!state.equals(breakers.state("m")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10); // the trial election runs on a Vert.x timer: poll with a deadline
        }
        assertEquals(state, breakers.state("m"));
    }

    @Test
    void opensAfterThresholdConsecutiveTransientFailuresAndThenRejectsWithoutCalling() throws Exception {
        for (int i = 0; i < THRESHOLD - 1; i++) {
            attempt(fails(ErrorKind.TIMEOUT));
            assertEquals("closed", breakers.state("m"), "below the threshold");
        }
        attempt(fails(ErrorKind.TIMEOUT));
        assertEquals("open", breakers.state("m"));
        assertFalse(breakers.available("m"));
        assertTrue(breakers.reopensAt("m") > 0, "says when it reopens");

        int before = calls.get();
        assertInstanceOf(OpenCircuitException.class, attempt(Future.succeededFuture("ok")));
        assertEquals(before, calls.get(), "an open model is not called");
    }

    @Test
    void clientErrorsAndSuccessesDoNotOpenIt() throws Exception {
        for (int i = 0; i < THRESHOLD * 2; i++) {
            attempt(fails(i % 2 == 0 ? ErrorKind.BAD_REQUEST : ErrorKind.AUTH));
        }
        assertEquals("closed", breakers.state("m"), "only transient failures count");
        for (int i = 0; i < THRESHOLD * 2; i++) {
            attempt(i % 2 == 0 ? fails(ErrorKind.OVERLOADED) : Future.succeededFuture("ok"));
        }
        assertEquals("closed", breakers.state("m"), "a success clears the consecutive count");
    }

    @Test
    void afterTheResetTimeoutOneTrialGoesOutAndItsSuccessCloses() throws Exception {
        open();
        awaitState("half_open");
        assertTrue(breakers.available("m"));

        Promise<String> trial = Promise.promise();
        Future<String> first = breakers.run("m", () -> trial.future());
        assertFalse(breakers.available("m"), "one trial at a time");
        assertInstanceOf(OpenCircuitException.class, attempt(Future.succeededFuture("ok")), "a second request does not go out");
        trial.complete("ok");
        assertEquals("ok", get(first));
        assertEquals("closed", breakers.state("m"));
        assertTrue(breakers.available("m"));
    }

    @Test
    void aFailedTrialOpensItAgainForAnotherResetPeriod() throws Exception {
        open();
        awaitState("half_open");
        long before = System.currentTimeMillis();
        assertInstanceOf(ProviderException.class, attempt(fails(ErrorKind.CONNECTION)));
        assertEquals("open", breakers.state("m"));
        assertTrue(breakers.reopensAt("m") >= before + RESET_MS, "held open for another reset period");
        awaitState("half_open");
    }

    @Test
    void aTrialTheClientAbandonedGivesNoVerdict() throws Exception {
        open();
        awaitState("half_open");
        attempt(Future.failedFuture(FallbackExecutor.GONE));
        assertEquals("half_open", breakers.state("m"));
        assertTrue(breakers.available("m"), "the next request sends the trial");
    }

    @Test
    void resetClosesAnOpenModel() throws Exception {
        open();
        breakers.reset("m", "operator");
        assertEquals("closed", breakers.state("m"));
        assertEquals(0, breakers.resetAll("operator"));
    }
}
