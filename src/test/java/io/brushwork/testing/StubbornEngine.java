package io.brushwork.testing;

import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend like a CPU-bound model that never looks at its cancellation: neither that nor an interrupt stops a
 * call, only opening the gate does. It counts its calls, those running now and the most ever running at once, so
 * that tests of calls left running count instead of timing.
 */
public final class StubbornEngine extends TestEngine {
    public final CountDownLatch gate = new CountDownLatch(1);
    /** Counted down when a call ends. */
    public final CountDownLatch ended = new CountDownLatch(1);
    public final AtomicInteger calls = new AtomicInteger();
    public final AtomicInteger running = new AtomicInteger();
    public final AtomicInteger most = new AtomicInteger();

    /** @param workingBytes what it declares it needs for any mask */
    public StubbornEngine(String name, long workingBytes) {
        super(name, workingBytes);
    }

    @Override
    public Inpainted inpaint(InpaintJob job) {
        calls.incrementAndGet();
        most.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            while (gate.getCount() > 0) {
                try {
                    gate.await();
                } catch (InterruptedException ignored) {
                    // does not stop
                }
            }
            return Inpainted.of(job.image().copy());
        } finally {
            running.decrementAndGet();
            ended.countDown();
        }
    }
}
