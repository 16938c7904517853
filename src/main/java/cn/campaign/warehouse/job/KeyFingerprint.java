package cn.campaign.warehouse.job;

import cn.campaign.warehouse.catalog.WarehouseFolder;
import cn.campaign.warehouse.model.Pseudonymizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The fingerprint of the key a warehouse's pseudonyms were made with, kept in {@code key.fingerprint} at its root.
 * The first load records it; a load under another key is refused before anything is read or written, since every
 * graduate would get a second pseudonym and every count of distinct graduates would silently double.
 */
final class KeyFingerprint {

    static final String FILE_NAME = "key.fingerprint";

    private KeyFingerprint() {
    }

    /** Records the key's fingerprint on a warehouse that has none; refuses a key whose fingerprint differs. */
    static void checkOrRecord(WarehouseFolder warehouse, Pseudonymizer key) throws IOException {
        Path file = warehouse.root().resolve(FILE_NAME);
        String fingerprint = key.keyFingerprint();
        if (Files.isRegularFile(file)) {
            String recorded = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!recorded.equals(fingerprint)) {
                throw new KeyMismatchException("the pseudonymisation key is not the key this warehouse was built "
                        + "with (its fingerprint is in " + file + "); nothing was changed. Use the warehouse's own "
                        + "key: a new key means a new warehouse, since every graduate would get a second pseudonym");
            }
            return;
        }
        // a warehouse built before fingerprints were kept adopts the key of its next load
        Files.createDirectories(warehouse.root());
        Path partial = warehouse.root().resolve("." + FILE_NAME + ".partial");
        Files.writeString(partial, fingerprint + "\n", StandardCharsets.US_ASCII);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The key given is not the warehouse's. */
    static final class KeyMismatchException extends RuntimeException {
        KeyMismatchException(String message) {
            super(message);
        }
    }
}
