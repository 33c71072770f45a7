package io.brushwork.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs image links with HMAC-SHA256 over the image id and the expiry time, so a link cannot be extended or pointed
 * at another image. The secret is generated once per data directory and kept in the database, so links survive a
 * restart.
 */
public final class UrlSigner {
    private static final String SETTING = "url-signing-key";
    private final byte[] secret;

    public UrlSigner(byte[] secret) {
        this.secret = secret.clone();
    }

    public static UrlSigner fromDatabase(Database db) {
        String stored = db.settingOrInsert(SETTING, RandomIds.next(32));
        return new UrlSigner(Base64.getUrlDecoder().decode(stored));
    }

    /** The path and query of a signed link, for example {@code /images/<id>.png?expires=...&signature=...}. */
    public String path(String id, Instant expires) {
        long exp = expires.getEpochSecond();
        return "/images/" + id + ".png?expires=" + exp + "&signature=" + sign(id, exp);
    }

    public boolean verify(String id, long expires, String signature) {
        byte[] expected = sign(id, expires).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String id, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] sig = mac.doFinal((id + "\n" + expires).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }
}
