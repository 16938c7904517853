package cn.campaign.warehouse.ingest;

import cn.campaign.warehouse.config.ArchiveLimits;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Expands a delivery archive into an empty folder, refusing anything but plain files with safe names at its
 * root. Nothing is ever written outside the folder: names and entry types are checked before a file is created,
 * and expanding stops at the size limit or at the ninth entry, so a decompression bomb costs at most the limit and
 * an archive of countless tiny entries at most eight files.
 */
public final class ArchiveExtractor {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    /** The manifest and one file per entity (export contract §2). */
    static final int MAX_ENTRIES = 8;
    /** The file-type bits of a Unix mode, and the value that means a regular file. */
    private static final int TYPE_BITS = 0170000;
    private static final int REGULAR_FILE = 0100000;

    /** Zip compression methods read: stored, deflated, deflate64 and bzip2, all in commons-compress itself. */
    private static final Set<Integer> READ_METHODS = Set.of(ZipMethod.STORED.getCode(), ZipMethod.DEFLATED.getCode(),
            ZipMethod.ENHANCED_DEFLATED.getCode(), ZipMethod.BZIP2.getCode());

    private final ArchiveLimits limits;

    public ArchiveExtractor(ArchiveLimits limits) {
        this.limits = limits;
    }

    public void extract(Path archive, DeliveryName name, Path target) throws DeliveryRefusedException {
        Expansion expansion = new Expansion(target, limits.allowedFor(sizeOf(archive)),
                archive.getFileName().toString());
        try {
            if (name.isZip()) {
                expandZip(archive, expansion);
            } else {
                expandTar(archive, name.isGzip(), expansion);
            }
        } catch (WorkFolderWriteException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DeliveryRefusedException(DeliveryReason.BAD_ARCHIVE, archive.getFileName()
                    + " cannot be read as a " + name.extension() + " archive (" + describe(e)
                    + "); it is probably truncated or damaged: ask the source to deliver it again");
        }
        expansion.refuseIfUnsafeOrTooLarge();
    }

    private static void expandZip(Path archive, Expansion expansion) throws IOException, DeliveryRefusedException {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                int type = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() & TYPE_BITS : 0;
                String kind = entry.isDirectory() ? "a folder" : entry.isUnixSymlink() ? "a link"
                        : type != 0 && type != REGULAR_FILE ? "not a regular file" : null;
                if (expansion.accept(entry.getName(), kind)) {
                    refuseUnreadMethod(archive, entry);
                    try (InputStream in = zip.getInputStream(entry)) {
                        expansion.write(entry.getName(), in);
                    }
                }
                if (expansion.stopped()) {
                    return;
                }
            }
        }
    }

    /**
     * Refuses an entry compressed by a method other than those commons-compress reads by itself: for XZ, Zstandard or
     * LZMA it needs libraries this loader does not ship, and their absence ended the whole load (a class not found)
     * instead of quarantining the one delivery.
     */
    private static void refuseUnreadMethod(Path archive, ZipArchiveEntry entry) throws DeliveryRefusedException {
        if (!READ_METHODS.contains(entry.getMethod())) {
            ZipMethod method = ZipMethod.getMethodByCode(entry.getMethod());
            throw new DeliveryRefusedException(DeliveryReason.BAD_ARCHIVE, archive.getFileName() + " compresses its "
                    + "entry " + entry.getName() + " with zip method " + entry.getMethod()
                    + (method == null ? "" : " (" + method + ")") + ", which the loader cannot read: ask the source "
                    + "to deliver it again as a zip compressed with deflate, or as a tar.gz");
        }
    }

    private static void expandTar(Path archive, boolean gzip, Expansion expansion) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
        try (InputStream in = gzip ? new GzipCompressorInputStream(raw, true) : raw;
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String entryName = entry.getName();
                if (entryName.equals("./") || entryName.equals(".")) {
                    continue;
                }
                if (entryName.startsWith("./")) {
                    entryName = entryName.substring(2);
                }
                String kind = entry.isDirectory() ? "a folder"
                        : entry.isSymbolicLink() || entry.isLink() ? "a link"
                        : !isRegularFile(entry) ? "not a regular file (a FIFO, a device or another special entry)"
                        : null;
                if (expansion.accept(entryName, kind)) {
                    expansion.write(entryName, tar);
                }
                if (expansion.stopped()) {
                    return;
                }
            }
        }
    }

    /** Only plain file entries: commons-compress counts a FIFO or a device as a file too. */
    private static boolean isRegularFile(TarArchiveEntry entry) {
        byte flag = entry.getLinkFlag();
        return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG;
    }

    private static long sizeOf(Path archive) throws DeliveryRefusedException {
        try {
            return Files.size(archive);
        } catch (IOException e) {
            throw new DeliveryRefusedException(DeliveryReason.BAD_ARCHIVE,
                    archive.getFileName() + " cannot be read: " + describe(e));
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The state of one expansion: names seen, bytes written, the first problem found. */
    private static final class Expansion {
        private final Path target;
        private final long allowedBytes;
        private final String archiveName;
        private final Set<String> names = new HashSet<>();
        private final byte[] buffer = new byte[1 << 16];
        private long written;
        private int entries;
        private String unsafe;
        private boolean tooLarge;
        private boolean tooMany;

        Expansion(Path target, long allowedBytes, String archiveName) {
            this.target = target;
            this.allowedBytes = allowedBytes;
            this.archiveName = archiveName;
        }

        /** Whether the entry may be written; remembers why not otherwise. */
        boolean accept(String name, String kind) {
            if (++entries > MAX_ENTRIES) {
                tooMany = true;
                return false;
            }
            String problem = kind != null ? "is " + kind
                    : !SAFE_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")
                    ? "has a name that is not a plain file name at the archive's root"
                    : !names.add(name) ? "appears twice" : null;
            if (problem != null && unsafe == null) {
                unsafe = "entry '" + printable(name) + "' " + problem;
            }
            return problem == null && unsafe == null && !tooLarge;
        }

        /** Copies the entry; reading errors are the archive's, writing errors the warehouse's own. */
        void write(String name, InputStream in) throws IOException {
            Path file = target.resolve(name);
            OutputStream out = create(file);
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    written += n;
                    if (written > allowedBytes) {
                        tooLarge = true;
                        return;
                    }
                    try {
                        out.write(buffer, 0, n);
                    } catch (IOException e) {
                        throw new WorkFolderWriteException("the expanded delivery file " + file, e);
                    }
                }
            } finally {
                try {
                    out.close();
                } catch (IOException e) {
                    throw new WorkFolderWriteException("the expanded delivery file " + file, e);
                }
            }
        }

        private static OutputStream create(Path file) {
            try {
                return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
            } catch (IOException e) {
                throw new WorkFolderWriteException("the expanded delivery file " + file, e);
            }
        }

        boolean stopped() {
            return tooLarge || tooMany;
        }

        void refuseIfUnsafeOrTooLarge() throws DeliveryRefusedException {
            if (unsafe != null) {
                throw new DeliveryRefusedException(DeliveryReason.UNSAFE_ENTRY, archiveName + ": " + unsafe
                        + "; a delivery may hold only manifest.json and its entity files at the root");
            }
            if (tooLarge) {
                throw new DeliveryRefusedException(DeliveryReason.TOO_LARGE, archiveName + " expands beyond "
                        + allowedBytes + " bytes (the configured limits on total size and compression ratio)");
            }
            if (tooMany) {
                throw new DeliveryRefusedException(DeliveryReason.TOO_LARGE, archiveName + " holds more than "
                        + MAX_ENTRIES + " entries; a delivery holds manifest.json and at most one file per entity");
            }
        }

        private static String printable(String name) {
            return name.codePoints().limit(120)
                    .map(c -> Character.isISOControl(c) ? '?' : c)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        }
    }
}
