package cn.campaign.warehouse.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The key that pseudonymises identity numbers: from {@code --key-file}, else {@code CAMPAIGN_PSEUDONYM_KEY}. */
final class PseudonymKey {

    static final String VARIABLE = "CAMPAIGN_PSEUDONYM_KEY";

    private PseudonymKey() {
    }

    static byte[] read(Path keyFile) throws IOException {
        String key;
        if (keyFile != null) {
            if (!Files.isReadable(keyFile)) {
                throw new IllegalArgumentException("the pseudonymisation key file " + keyFile.toAbsolutePath()
                        + " does not exist or cannot be read; nothing was loaded");
            }
            key = Files.readString(keyFile, StandardCharsets.UTF_8).strip();
        } else {
            key = System.getenv(VARIABLE);
        }
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("no pseudonymisation key: set the environment variable " + VARIABLE
                    + " or pass --key-file FILE. The key turns identity numbers into graduate_id; keep it outside "
                    + "the warehouse and use the same key every night.");
        }
        if (key.length() < 16) {
            throw new IllegalArgumentException("the pseudonymisation key is shorter than 16 characters; use a long "
                    + "random key (for example: openssl rand -hex 32)");
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
