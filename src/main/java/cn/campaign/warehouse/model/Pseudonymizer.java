package cn.campaign.warehouse.model;

import cn.campaign.warehouse.validate.IdNumber;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns an identity number into {@code graduate_id}, an HMAC-SHA256 under the operator's key. The key never
 * enters the warehouse, so the warehouse alone cannot be searched for a known identity number.
 */
public final class Pseudonymizer {

    /** A Mac is not thread-safe; deliveries are staged on several threads. */
    private final ThreadLocal<Mac> mac;

    public Pseudonymizer(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the pseudonymisation key is too short: use at least 16 bytes");
        }
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        mac = ThreadLocal.withInitial(() -> {
            try {
                Mac instance = Mac.getInstance("HmacSHA256");
                instance.init(spec);
                return instance;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available in this Java runtime", e);
            }
        });
        mac.get();
    }

    /**
     * Names the key without revealing it: the keyed hash of a fixed text, from which the key cannot be recovered.
     * A warehouse keeps it to refuse a load under another key, which would give every graduate a second pseudonym.
     */
    public String keyFingerprint() {
        byte[] digest = mac.get().doFinal("campaign-warehouse key fingerprint".getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(digest);
    }

    /** 32 hex digits (128 bits) of the keyed hash of the canonical identity number. */
    public String graduateId(String idNumber) {
        byte[] digest = mac.get().doFinal(IdNumber.canonical(idNumber).getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(digest, 0, 16);
    }
}
