package io.brushwork.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Images as files, {@code <dir>/<id>.png}. Each is written under a temporary name, flushed and moved into place, so
 * a reader never sees half an image and a crash leaves at most a temporary file, which the next start removes. The
 * disk keeps a free-space floor for the database and logs beside it.
 */
final class FileImageBlobs implements ImageBlobs {
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path dir;
    private final long minFreeBytes;

    /** @param minFreeBytes free space the disk must keep: an image that would go below it is not written */
    FileImageBlobs(Path dir, long minFreeBytes) {
        this.dir = dir;
        this.minFreeBytes = minFreeBytes;
        try {
            PrivateFiles.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create image directory " + dir, e);
        }
    }

    Path directory() {
        return dir;
    }

    Path file(String id) {
        return dir.resolve(id + ".png");
    }

    @Override
    public void put(String id, byte[] png) {
        requireRoomFor(png.length, null);
        Path temp = dir.resolve("." + id + TEMP_SUFFIX);
        try {
            PrivateFiles.write(temp, png);
            move(temp, file(id));
            PrivateFiles.syncDirectory(dir); // the rename itself, so a power cut cannot lose a linked file
        } catch (IOException e) {
            deleteQuietly(temp);
            requireRoomFor(png.length, e);
            throw new StoreException("cannot write image " + id, e);
        }
    }

    @Override
    public Optional<InputStream> open(String id, long start, long length) {
        try {
            FileChannel channel = FileChannel.open(file(id), StandardOpenOption.READ);
            channel.position(start);
            return Optional.of(new LimitedInputStream(Channels.newInputStream(channel), length));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // swept between the lookup and now
        } catch (IOException e) {
            throw new StoreException("cannot read image " + id, e);
        }
    }

    @Override
    public boolean exists(String id) {
        return Files.isRegularFile(file(id));
    }

    @Override
    public boolean delete(String id) {
        return deleteQuietly(file(id));
    }

    /** Not writable, or below the free-space floor. */
    @Override
    public Optional<String> unready() {
        if (!isWritable()) {
            return Optional.of("not writable");
        }
        long free = freeBytes();
        return free >= minFreeBytes ? Optional.empty() : Optional.of("low on disk: " + megabytes(free)
                + " free, less than the " + megabytes(minFreeBytes) + " floor (min-free-disk)");
    }

    private boolean isWritable() {
        try {
            Path probe = Files.createTempFile(dir, ".ready", TEMP_SUFFIX);
            Files.delete(probe);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Free bytes on the image directory's disk, as this process may use them. */
    private long freeBytes() {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new StoreException("cannot read the free space of " + dir, e);
        }
    }

    private void requireRoomFor(long bytes, IOException cause) {
        long free = freeBytes();
        if (free - bytes < minFreeBytes) {
            throw new DiskFullException("the server's disk is full: " + megabytes(free) + " free, and images are"
                    + " kept only above " + megabytes(minFreeBytes), cause);
        }
    }

    private static String megabytes(long bytes) {
        return bytes / (1024 * 1024) + " MB";
    }

    /** Removes temporary files a crashed write left behind. */
    @Override
    public int removeUnfinished() {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + TEMP_SUFFIX)) {
            for (Path f : files) {
                deleteQuietly(f);
                removed++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return removed;
    }

    @Override
    public int removeOrphansWrittenBefore(Instant cutoff, Predicate<String> hasRow) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.png")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                try {
                    if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)
                            && !hasRow.test(name.substring(0, name.length() - ".png".length())) && deleteQuietly(f)) {
                        removed++;
                    }
                } catch (NoSuchFileException e) {
                    // deleted meanwhile by this replica's own sweep
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return removed;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Whether the file is gone now. */
    private static boolean deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
            return true;
        } catch (IOException e) {
            return false; // the next sweep or start tries again
        }
    }
}
