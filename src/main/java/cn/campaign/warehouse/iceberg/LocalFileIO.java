package cn.campaign.warehouse.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * Iceberg's file access on the local file system, without a Hadoop runtime: Iceberg's own local input and output
 * files, and deletion through {@link Files}. Locations are absolute paths, with or without a {@code file:} scheme.
 */
public final class LocalFileIO implements FileIO {

    @Override
    public InputFile newInputFile(String location) {
        return org.apache.iceberg.Files.localInput(path(location).toFile());
    }

    @Override
    public OutputFile newOutputFile(String location) {
        return org.apache.iceberg.Files.localOutput(path(location).toFile());
    }

    @Override
    public void deleteFile(String location) {
        try {
            Files.deleteIfExists(path(location));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + location + " from the star's Iceberg tables", e);
        }
    }

    static Path path(String location) {
        if (location.startsWith("file://")) {
            return Path.of(location.substring("file://".length()));
        }
        return Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
    }
}
