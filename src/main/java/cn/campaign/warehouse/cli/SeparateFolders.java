package cn.campaign.warehouse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The inbox, the warehouse folder and a snapshot's output folder never lie inside one another (surface §1): a load
 * cleans its own work folders and would delete an inbox or snapshots kept under them, and a warehouse inside its
 * inbox would be read as deliveries. Folders are compared as the file system resolves them (links followed), so a
 * link cannot hide that two names are one folder.
 */
final class SeparateFolders {

    private SeparateFolders() {
    }

    /** Refuses two folders, named by what they are for, when one lies inside the other or both are one. */
    static void check(String nameA, Path folderA, String nameB, Path folderB) {
        Path a = resolved(folderA);
        Path b = resolved(folderB);
        String problem = a.equals(b) ? "the " + nameA + " " + a + " and the " + nameB + " " + b + " are the same folder"
                : a.startsWith(b) ? "the " + nameA + " " + a + " lies inside the " + nameB + " " + b
                : b.startsWith(a) ? "the " + nameB + " " + b + " lies inside the " + nameA + " " + a : null;
        if (problem != null) {
            throw new IllegalArgumentException(problem + "; nothing was done. Give each its own folder, side by "
                    + "side: a load cleans its work folders and reads every file of its inbox, so either would "
                    + "delete or read what the other holds.");
        }
    }

    /** The folder as the file system resolves it: its longest existing part with links followed, then the rest. */
    static Path resolved(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
