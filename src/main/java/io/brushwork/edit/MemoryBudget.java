package io.brushwork.edit;

import io.brushwork.image.ImageInfo;

/**
 * Heap set aside for edits, reserved per edit from the image's header before any pixel is decoded. The pixel limit
 * alone does not keep a server up: a few large edits at once can exhaust the heap, so each edit reserves what it
 * will need, and one that does not fit now is refused with 503 instead of failing halfway.
 */
public final class MemoryBudget {
    /**
     * Memory per pixel of an edit before the engine's own: the decoded upload (up to 8 bytes for 16-bit RGBA), the
     * ARGB image and the engine's copy (4 + 4), the mask as decoded and as bits (4 + 1) and the encoded PNG, rounded
     * up. The engine's working memory is reserved separately, once the mask is known.
     */
    static final long BYTES_PER_PIXEL = 27;
    private static final long MB = 1024 * 1024;

    private final long total;
    private long used;

    public MemoryBudget(long totalBytes) {
        this.total = totalBytes;
    }

    /** 70% of the JVM's maximum heap; the rest is for uploads in flight, the server and the garbage collector. */
    public static MemoryBudget ofHeap() {
        return new MemoryBudget(Runtime.getRuntime().maxMemory() / 10 * 7);
    }

    /** Memory held by one edit until closed. */
    public final class Reservation implements AutoCloseable {
        private final long bytes;
        private boolean released;

        private Reservation(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public void close() {
            synchronized (MemoryBudget.this) {
                if (!released) {
                    released = true;
                    used -= bytes;
                }
            }
        }
    }

    /**
     * An upload's bytes, reserved before they are read into memory and held until the edit ends (the form keeps
     * them). The decoded pixels are reserved apart, by {@link #reserve(ImageInfo)}.
     */
    public synchronized Reservation reserveUpload(long bytes) {
        if (bytes > total) {
            throw new InvalidEditException("the upload is " + bytes / MB + " MB, more than the " + total / MB
                    + " MB this server has for edits; send smaller files");
        }
        if (used + bytes > total) {
            throw new OverloadedException("the server is busy with other large images and has no memory free for a "
                    + bytes / MB + " MB upload right now; retry in a moment", 2);
        }
        used += bytes;
        return new Reservation(bytes);
    }

    public Reservation reserve(ImageInfo image) {
        return reserve(image, "image_file");
    }

    /** @param field the form field the image came in, for the message when it can never fit */
    public synchronized Reservation reserve(ImageInfo image, String field) {
        long need = image.pixels() * BYTES_PER_PIXEL;
        if (need > total) {
            long maxMegapixels = total / BYTES_PER_PIXEL / 1_000_000;
            throw new InvalidEditException(field + " is " + image.resolution() + "; this server has memory to edit"
                    + " at most about " + maxMegapixels + " megapixels at a time (" + total / MB + " MB; its"
                    + " operator can raise the Java heap with -Xmx); send a smaller image");
        }
        return take(need, image);
    }

    /**
     * The engine's working memory for an edit of this image, once the mask says how much it needs. The image's own
     * reservation is held beside it, so the two together must fit: an edit that could never fit is the client's
     * to change (400), not a reason to retry (503).
     */
    public Reservation reserveWorking(long bytes, ImageInfo image) {
        return reserveWorking(bytes, image.pixels() * BYTES_PER_PIXEL, image);
    }

    /**
     * @param held what the same request holds already: its image and any working memory reserved before, so that
     *             a request whose reservations together could never fit is a 400, not a 503 retried for ever
     */
    public synchronized Reservation reserveWorking(long bytes, long held, ImageInfo image) {
        if (bytes + held > total) {
            throw new InvalidEditException("this " + image.resolution() + " request needs about "
                    + (bytes + held) / MB + " MB (the image and the work on it), more than the " + total / MB
                    + " MB this server has for images; send a smaller image (for an edit, or mask less of it)");
        }
        return take(bytes, image);
    }

    private Reservation take(long need, ImageInfo image) {
        if (used + need > total) {
            throw new OverloadedException("the server is busy with other large images and has no memory free for a "
                    + image.resolution() + " edit right now; retry in a moment", 2);
        }
        used += need;
        return new Reservation(need);
    }

    public synchronized long usedBytes() {
        return used;
    }

    public long totalBytes() {
        return total;
    }
}
