package io.kafkify.consumers.engine.internal;

import io.kafkify.consumers.domain.MessageHeader;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.AttemptScope;
import io.kafkify.consumers.engine.spi.DeadLetter;
import io.kafkify.consumers.engine.spi.EngineObserver;
import io.kafkify.consumers.engine.spi.RawRecord;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Calls the application's observers (and the adapter's wake-up) so that nothing they throw
 * reaches the engine: a failure is remembered as the engine's last error, the other observers are
 * told all the same, and the worker goes on. With no observer it does nothing, and says so
 * ({@link #active()}); only observers that override {@code attemptStarted} are called around an
 * attempt, so that with none of them the engine skips the clock and the scopes of an attempt, and
 * only those that override {@code deadLetterHeaders} are asked for a dead letter's headers.
 */
final class SafeObserver {

    private final EngineObserver[] observers;
    private final EngineObserver[] attemptObservers;
    private final EngineObserver[] deadLetterObservers;
    private final Consumer<Throwable> failures;

    SafeObserver(List<EngineObserver> observers, EngineCore core) {
        this(observers, core::observerFailed);
    }

    /**
     * @param observers the observers, in order
     * @param failures told what an observer threw
     */
    SafeObserver(List<EngineObserver> observers, Consumer<Throwable> failures) {
        this.observers = observers.stream().filter(o -> o != EngineObserver.NONE).toArray(EngineObserver[]::new);
        this.attemptObservers = Arrays.stream(this.observers)
                .filter(observer -> overrides(observer, "attemptStarted", RawRecord.class))
                .toArray(EngineObserver[]::new);
        this.deadLetterObservers = Arrays.stream(this.observers)
                .filter(observer -> overrides(observer, "deadLetterHeaders", DeadLetter.class))
                .toArray(EngineObserver[]::new);
        this.failures = failures;
    }

    private static boolean overrides(EngineObserver observer, String method, Class<?> parameter) {
        try {
            return observer.getClass().getMethod(method, parameter).getDeclaringClass() != EngineObserver.class;
        } catch (NoSuchMethodException | SecurityException e) {
            return true;
        }
    }

    /** @return whether any observer is registered */
    boolean active() {
        return observers.length > 0;
    }

    /** @return whether any observer opens a scope around attempts */
    boolean observesAttempts() {
        return attemptObservers.length > 0;
    }

    /** @return how many scopes an attempt opens */
    int size() {
        return attemptObservers.length;
    }

    /** Opens each observer's scope of an attempt, in order, into {@code scopes}; a failing one holds nothing. */
    void attemptStarted(RawRecord record, AttemptScope[] scopes) {
        for (int i = 0; i < attemptObservers.length; i++) {
            AttemptScope scope = AttemptScope.NONE;
            try {
                AttemptScope opened = attemptObservers[i].attemptStarted(record);
                if (opened != null) {
                    scope = opened;
                }
            } catch (VirtualMachineError error) {
                throw error;
            } catch (Throwable error) {
                failures.accept(error);
            }
            scopes[i] = scope;
        }
    }

    /** Closes the scopes of an attempt, the last opened first, and forgets them. */
    void attemptEnded(AttemptScope[] scopes, RecordOutcome outcome, long nanos) {
        for (int i = attemptObservers.length - 1; i >= 0; i--) {
            AttemptScope scope = scopes[i];
            scopes[i] = null;
            try {
                scope.ended(outcome, nanos);
            } catch (VirtualMachineError error) {
                throw error;
            } catch (Throwable error) {
                failures.accept(error);
            }
        }
    }

    void outcome(RecordOutcome outcome) {
        for (EngineObserver observer : observers) {
            try {
                observer.outcome(outcome);
            } catch (VirtualMachineError error) {
                throw error;
            } catch (Throwable error) {
                failures.accept(error);
            }
        }
    }

    /**
     * @return the dead letter with the headers its observers give it; itself when none asks, or
     *     when each that does fails
     */
    DeadLetter deadLetterToPublish(DeadLetter deadLetter) {
        DeadLetter publishing = deadLetter;
        for (EngineObserver observer : deadLetterObservers) {
            try {
                List<MessageHeader> headers = observer.deadLetterHeaders(publishing);
                if (headers != null && headers != publishing.headers()) {
                    publishing = publishing.withHeaders(headers);
                }
            } catch (VirtualMachineError error) {
                throw error;
            } catch (Throwable error) {
                failures.accept(error);
            }
        }
        return publishing;
    }

    void deadLetterFailed(DeadLetter deadLetter, Throwable failure) {
        tell(observer -> observer.deadLetterFailed(deadLetter, failure));
    }

    void committed(Map<PartitionId, Long> offsets, long nanos) {
        tell(observer -> observer.committed(offsets, nanos));
    }

    void commitFailed(Map<PartitionId, Long> offsets) {
        tell(observer -> observer.commitFailed(offsets));
    }

    void flowChanged(Set<PartitionId> paused, Set<PartitionId> resumed) {
        tell(observer -> observer.flowChanged(paused, resumed));
    }

    void assigned(Collection<PartitionId> partitions) {
        tell(observer -> observer.assigned(partitions));
    }

    void revoked(Collection<PartitionId> partitions) {
        tell(observer -> observer.revoked(partitions));
    }

    void lost(Collection<PartitionId> partitions) {
        tell(observer -> observer.lost(partitions));
    }

    /** For events off the hot path: one lambda per call is no matter there. */
    private void tell(Consumer<EngineObserver> event) {
        for (EngineObserver observer : observers) {
            try {
                event.accept(observer);
            } catch (VirtualMachineError error) {
                throw error;
            } catch (Throwable error) {
                failures.accept(error);
            }
        }
    }

    void wake(Runnable wakeUp) {
        try {
            wakeUp.run();
        } catch (VirtualMachineError error) {
            throw error;
        } catch (Throwable error) {
            failures.accept(error);
        }
    }
}
