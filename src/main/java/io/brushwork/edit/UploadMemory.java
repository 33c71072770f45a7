package io.brushwork.edit;

import java.util.ArrayList;
import java.util.List;

/**
 * The memory one edit's upload takes, reserved by the edge once it knows the size of what was sent and before it
 * reads those bytes into the heap. What is reserved stays the edit's until it ends (the form keeps the bytes); an
 * upload that does not fit now is refused with {@link OverloadedException} (503).
 */
public final class UploadMemory implements AutoCloseable {
    private final MemoryBudget budget;
    private final List<MemoryBudget.Reservation> held = new ArrayList<>();

    UploadMemory(MemoryBudget budget) {
        this.budget = budget;
    }

    public void reserve(long bytes) {
        held.add(budget.reserveUpload(bytes));
    }

    @Override
    public void close() {
        held.forEach(MemoryBudget.Reservation::close);
        held.clear();
    }
}
