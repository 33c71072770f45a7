package io.brushwork.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where result images' bytes are kept: files in the data directory (the default), or an S3 bucket that several
 * servers share.
 *
 * @param s3             the bucket and key prefix of {@code image-store: s3://bucket/prefix}; empty for files
 * @param endpoint       an S3-compatible server (MinIO, Ceph, R2); empty for AWS itself
 * @param region         the bucket's region; empty for the SDK's own lookup
 * @param accessKey      with {@code secretKey}, the credentials; empty for the SDK's default credential chain
 * @param secretKey      the access key's secret
 * @param pathStyle      {@code endpoint/bucket/key} rather than {@code bucket.endpoint/key}, as most servers
 *                       other than AWS need
 * @param presignedLinks edit responses link to S3 presigned URLs rather than to Brushwork's own signed links
 */
public record ImageStoreConfig(Optional<S3Location> s3, Optional<URI> endpoint, Optional<String> region,
                               Optional<String> accessKey, Optional<String> secretKey, boolean pathStyle,
                               boolean presignedLinks) {
    /** Files in the data directory, with Brushwork's own links: what a server that sets nothing uses. */
    public static final ImageStoreConfig FILES = new ImageStoreConfig(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), false, false);
    /** The longest an S3 presigned URL may live (SigV4's limit). */
    public static final Duration MAX_PRESIGNED = Duration.ofDays(7);
    private static final Pattern S3_URL = Pattern.compile("s3://([^/]*)(?:/(.*))?");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /** A bucket and the prefix every key starts with: empty, or ending in {@code /}. */
    public record S3Location(String bucket, String prefix) {
        public String key(String name) {
            return prefix + name;
        }
    }

    static ImageStoreConfig from(ConfigValues v, Duration imageTtl) {
        Optional<S3Location> s3 = location(v);
        Optional<URI> endpoint = endpoint(v);
        Optional<String> region = v.text("s3-region").filter(t -> !t.isEmpty());
        Optional<String> accessKey = v.text("s3-access-key").filter(t -> !t.isEmpty());
        Optional<String> secretKey = v.text("s3-secret-key").filter(t -> !t.isEmpty());
        boolean pathStyle = v.bool("s3-path-style").orElse(false);
        boolean presigned = links(v);
        if (accessKey.isPresent() != secretKey.isPresent()) {
            String set = accessKey.isPresent() ? "s3-access-key" : "s3-secret-key";
            String missing = accessKey.isPresent() ? "s3-secret-key" : "s3-access-key";
            throw new ConfigException(set + " from " + v.origin(set) + " is set but " + missing + " is not; set"
                    + " both, or neither to use the AWS SDK's default credentials (environment, profile, role)");
        }
        if (presigned && s3.isEmpty()) {
            throw new ConfigException("image-links from " + v.origin("image-links") + " is 'presigned', which needs"
                    + " an S3 image store (image-store: s3://bucket/prefix); with files, links are 'signed'");
        }
        if (presigned && imageTtl.compareTo(MAX_PRESIGNED) > 0) {
            throw new ConfigException("image-links is 'presigned' and image-ttl is longer than 7 days, the longest"
                    + " an S3 presigned URL can live; shorten image-ttl or use signed links");
        }
        return new ImageStoreConfig(s3, endpoint, region, accessKey, secretKey, pathStyle, presigned);
    }

    private static Optional<S3Location> location(ConfigValues v) {
        String text = v.text("image-store").orElse("");
        if (text.isEmpty() || text.equalsIgnoreCase("file")) {
            return Optional.empty();
        }
        Matcher m = S3_URL.matcher(text);
        if (!m.matches()) {
            throw v.invalid("image-store", "expected file or s3://bucket/prefix");
        }
        if (!BUCKET.matcher(m.group(1)).matches()) {
            throw v.invalid("image-store", "expected s3://bucket/prefix with a bucket name of 3 to 63 lower-case"
                    + " letters, digits, dots and hyphens");
        }
        String prefix = m.group(2) == null ? "" : m.group(2).replaceAll("/+$", "");
        if (prefix.startsWith("/") || prefix.contains("//")) {
            throw v.invalid("image-store", "expected s3://bucket/prefix with no empty part in the prefix");
        }
        return Optional.of(new S3Location(m.group(1), prefix.isEmpty() ? "" : prefix + "/"));
    }

    private static Optional<URI> endpoint(ConfigValues v) {
        Optional<String> text = v.text("s3-endpoint").filter(t -> !t.isEmpty());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.get());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw v.invalid("s3-endpoint", "expected an http:// or https:// URL such as http://127.0.0.1:9000");
    }

    private static boolean links(ConfigValues v) {
        return switch (v.text("image-links").orElse("signed").toLowerCase(Locale.ROOT)) {
            case "signed", "" -> false;
            case "presigned" -> true;
            default -> throw v.invalid("image-links", "expected signed or presigned");
        };
    }
}
