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

    private final Mac mac;

    public Pseudonymizer(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the pseudonymisation key is too short: use at least 16 bytes");
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this Java runtime", e);
        }
    }

    /** 32 hex digits (128 bits) of the keyed hash of the canonical identity number. */
    public String graduateId(String idNumber) {
        byte[] digest = mac.doFinal(IdNumber.canonical(idNumber).getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(digest, 0, 16);
    }
}
