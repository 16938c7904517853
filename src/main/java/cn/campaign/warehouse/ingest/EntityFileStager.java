package cn.campaign.warehouse.ingest;

import cn.campaign.warehouse.model.Pseudonymizer;
import cn.campaign.warehouse.model.StagedLayout;
import cn.campaign.warehouse.parquet.StagingFileWriter;
import cn.campaign.warehouse.validate.RecordValidator;
import cn.campaign.warehouse.validate.RejectReason;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads one entity file, validates each record, and writes the valid ones to a staged Parquet file. */
final class EntityFileStager {

    private final Pseudonymizer pseudonymizer;
    private final long maxRecordBytes;

    EntityFileStager(Pseudonymizer pseudonymizer, long maxRecordBytes) {
        this.pseudonymizer = pseudonymizer;
        this.maxRecordBytes = maxRecordBytes;
    }

    EntityFileResult stage(Path file, Manifest manifest, Manifest.FileEntry entry, Path stagedFile, RejectSink rejects)
            throws IOException {
        StagedLayout layout = new StagedLayout(entry.entity());
        RecordValidator validator = new RecordValidator(entry.entity(), manifest.businessDate(), entry.rows());
        long records = 0;
        long rejected = 0;
        long redacted = 0;
        EncodedLength length = new EncodedLength(manifest.encoding(), maxRecordBytes);
        try (Reader text = decoded(file, manifest)) {
            RecordReader reader = entry.format().equals("csv")
                    ? new CsvRecordReader(text, entry.entity(), entry.name(), length)
                    : new JsonlRecordReader(text, entry.entity(), length);
            try (StagingFileWriter staged = new StagingFileWriter(stagedFile, layout.columns())) {
                RawRecord raw;
                while ((raw = reader.next()) != null) {
                    records++;
                    RecordValidator.Outcome outcome = raw.malformed()
                            ? new RecordValidator.Rejected(null, RejectReason.MALFORMED_RECORD, null)
                            : validator.validate(raw.texts(), raw.op());
                    if (outcome instanceof RecordValidator.Accepted accepted) {
                        staged.write(layout.stage(accepted.values(), accepted.withdrawn(), pseudonymizer));
                        redacted += accepted.redacted();
                    } else {
                        RecordValidator.Rejected reject = (RecordValidator.Rejected) outcome;
                        rejected++;
                        rejects.reject(entry.name(), raw.line(), reject.field(), reject.reason().name(),
                                reject.value());
                    }
                }
            }
        } catch (CharacterCodingException e) {
            return EntityFileResult.problem(DeliveryReason.BAD_ENCODING, entry.name() + " holds bytes that are not "
                    + "valid " + manifest.encoding().name() + " on line "
                    + InvalidBytes.lineOf(file, manifest.encoding())
                    + "; the delivery must be re-exported in the encoding its manifest declares");
        } catch (BadHeaderException e) {
            return EntityFileResult.problem(DeliveryReason.BAD_HEADER, e.getMessage());
        }
        return new EntityFileResult(records, rejected, redacted, null, null);
    }

    private static Reader decoded(Path file, Manifest manifest) throws IOException {
        InputStream in = Files.newInputStream(file);
        Reader decoded = new InputStreamReader(in, manifest.encoding().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        return withoutByteOrderMark(new BufferedReader(decoded, 1 << 16));
    }

    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

}
