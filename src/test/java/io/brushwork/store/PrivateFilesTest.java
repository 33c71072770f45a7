package io.brushwork.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store writes is its owner's alone, whatever the umask: the signing secret and every client's images. */
class PrivateFilesTest {
    @TempDir
    Path dir;

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void theDatabaseTheImageDirectoryAndEveryImageAreOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "file modes are a POSIX matter");
        Path data = dir.resolve("data");
        Database db = Database.open(data);
        FileImageBlobs files = new FileImageBlobs(data.resolve("images"), 1);
        ImageStore images = new ImageStore(db, files, Clock.systemUTC(), Duration.ofHours(1));
        StoredImage image = images.put(new byte[] {1, 2, 3}, null);

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(db.file())).as("holds the link-signing secret").isEqualTo("rw-------");
        assertThat(mode(files.directory())).isEqualTo("rwx------");
        assertThat(mode(files.file(image.id()))).isEqualTo("rw-------");
        assertThat(Files.readAllBytes(files.file(image.id()))).containsExactly(1, 2, 3);
        try (var listed = Files.list(files.directory())) {
            assertThat(listed).as("no temporary file left").hasSize(1);
        }
    }

    @Test
    void whatAlreadyExistsKeepsTheModeItsOwnerGaveIt() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "file modes are a POSIX matter");
        Path data = Files.createDirectories(dir.resolve("shared"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-x---"));
        Database.open(data);
        assertThat(mode(data)).isEqualTo("rwxr-x---");
    }
}
