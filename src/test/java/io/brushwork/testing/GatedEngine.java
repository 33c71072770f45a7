package io.brushwork.testing;

import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.InpaintJob;
import io.brushwork.engine.Inpainted;
import io.brushwork.image.Mask;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real engine held at a gate until the test opens it, so tests decide when work finishes instead of racing. It
 * counts every call, so a test of "nothing was done" can see a second call, which a latch of one cannot.
 */
public final class GatedEngine implements InpaintEngine {
    private final InpaintEngine engine;
    public final CountDownLatch gate = new CountDownLatch(1);
    public final CountDownLatch entered = new CountDownLatch(1);
    public final AtomicInteger calls = new AtomicInteger();

    public GatedEngine(InpaintEngine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public Set<String> presets() {
        return engine.presets();
    }

    @Override
    public long workingBytes(Mask mask) {
        return engine.workingBytes(mask);
    }

    @Override
    public Set<Capability> capabilities() {
        return engine.capabilities();
    }

    @Override
    public Inpainted inpaint(InpaintJob job) {
        calls.incrementAndGet();
        entered.countDown();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return engine.inpaint(job);
    }
}
