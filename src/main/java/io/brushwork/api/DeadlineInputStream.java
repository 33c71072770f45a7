package io.brushwork.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * A request body with a deadline, like nginx's {@code client_body_timeout} but for the whole body: Jetty's minimum
 * data rate stops a trickle, this stops a body sent just fast enough for as long as the client likes. It is checked
 * on every read, so a read that blocks ends at the latest with Jetty's idle timeout.
 */
final class DeadlineInputStream extends FilterInputStream {
    /** The body was still arriving at its deadline. */
    static final class Expired extends IOException {
        Expired() {
            super("the upload took longer than its deadline");
        }
    }

    private final long deadlineNanos;

    DeadlineInputStream(InputStream in, Duration timeout) {
        super(in);
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    private void check() throws Expired {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new Expired();
        }
    }

    @Override
    public int read() throws IOException {
        check();
        return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check();
        return super.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
        check();
        return super.skip(n);
    }
}
