package io.brushwork.store;

import io.brushwork.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One server per data directory. A server clears what an earlier run left half-done (spooled uploads, unfinished
 * images) when it starts; a second server on the same directory would clear the first one's work in progress, so
 * it is refused before it touches anything. The lock is the operating system's, so a crashed server leaves none.
 */
public final class DataDirectoryLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws ConfigException when another server holds the directory */
    public static DataDirectoryLock take(Path dataDir) {
        Path file = dataDir.resolve(".lock");
        FileChannel channel;
        try {
            PrivateFiles.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException | IOException e) {
            lock = null;
        }
        if (lock == null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // refusing anyway
            }
            throw new ConfigException("the data directory " + dataDir + " is in use by another Brushwork server;"
                    + " give this one its own --data");
        }
        return new DataDirectoryLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the data directory's lock", e);
        }
    }
}
