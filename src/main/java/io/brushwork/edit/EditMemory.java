package io.brushwork.edit;

import io.brushwork.image.ImageInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The memory one edit has reserved, given back when the edit is over and every backend call it started has
 * ended. A route that gives up on a call past its timeout cancels it, but a call that does not stop within its
 * grace still runs on the edit's image with working memory of its own; giving the edit's reservations back when
 * the edit answers would let new edits take memory that is still in use. Such a call is handed over with
 * {@link #outlivedBy}, and the reservations go back when the last one ends, exactly once.
 */
final class EditMemory implements AutoCloseable {
    private final MemoryBudget budget;
    /** Guarded by this, as are the fields below. */
    private final List<MemoryBudget.Reservation> reservations = new ArrayList<>();
    private int running;
    private boolean closed;
    /** What this request has reserved so far. */
    private long heldBytes;
    private boolean released;

    EditMemory(MemoryBudget budget) {
        this.budget = budget;
    }

    /** The image's own memory; see {@link MemoryBudget#reserve}. */
    void reserve(ImageInfo image, String field) {
        MemoryBudget.Reservation r = budget.reserve(image, field);
        synchronized (this) {
            reservations.add(r);
            heldBytes += image.pixels() * MemoryBudget.BYTES_PER_PIXEL;
        }
    }

    /**
     * Working memory beside what this request holds already; see {@link MemoryBudget#reserveWorking}. Only the
     * request's own thread reserves, so the total it reads is its own.
     */
    void reserveWorking(long bytes, ImageInfo image) {
        long held;
        synchronized (this) {
            held = heldBytes;
        }
        MemoryBudget.Reservation r = budget.reserveWorking(bytes, held, image);
        synchronized (this) {
            reservations.add(r);
            heldBytes += bytes;
        }
    }

    /** A backend call the route gave up on that is still running: the memory stays reserved until it ends. */
    void outlivedBy(CompletionStage<Void> end) {
        synchronized (this) {
            running++;
        }
        end.whenComplete((ignored, failure) -> {
            synchronized (this) {
                running--;
            }
            releaseIfDone();
        });
    }

    /** The edit is over: the memory goes back now, or when the last call still running ends. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        releaseIfDone();
    }

    private void releaseIfDone() {
        List<MemoryBudget.Reservation> toRelease;
        synchronized (this) {
            if (!closed || running > 0 || released) {
                return;
            }
            released = true;
            toRelease = List.copyOf(reservations);
        }
        toRelease.forEach(MemoryBudget.Reservation::close);
    }
}
