package io.brushwork.store;

import io.brushwork.config.ConfigException;
import io.brushwork.config.ImageStoreConfig;
import io.brushwork.config.ImageStoreConfig.S3Location;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Images as objects in an S3 bucket ({@code <prefix><id>.png}), which several servers can share: AWS itself or any
 * S3-compatible server (MinIO, Ceph, R2). A PUT is whole or absent, so there is nothing half-written to clear, and
 * deleting a key that is gone succeeds, so two servers sweeping at once do no harm.
 */
final class S3ImageBlobs implements ImageBlobs {
    /** How long a readiness answer is reused: a load balancer polling /readyz must not turn into a flood of HEADs. */
    private static final Duration READY_CHECK_TTL = Duration.ofSeconds(5);
    /** The object readiness writes to show the bucket takes writes; no image id can take this name. */
    static final String READY_PROBE = ".brushwork-ready";

    private final S3Client client;
    private final S3Presigner presigner;
    private final S3Location location;
    private final String where;
    private final Object readyLock = new Object();
    private long readyCheckedAt;
    private Optional<String> readiness;
    private boolean checking;

    private S3ImageBlobs(S3Client client, S3Presigner presigner, S3Location location, String where) {
        this.client = client;
        this.presigner = presigner;
        this.location = location;
        this.where = where;
    }

    /**
     * A client for the configured bucket, once the bucket has answered.
     *
     * @throws ConfigException in one line when the bucket is unknown, the credentials are refused or the server
     *                         cannot be reached
     */
    static S3ImageBlobs open(ImageStoreConfig config) {
        S3Location location = config.s3().orElseThrow();
        Region region = region(config);
        AwsCredentialsProvider credentials = config.accessKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey().get(),
                        config.secretKey().orElseThrow()))
                : DefaultCredentialsProvider.builder().build();
        S3Configuration service = S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build();
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30)))
                .region(region).credentialsProvider(credentials).serviceConfiguration(service)
                // Checksums only where S3 requires them: the SDK's default trailing checksums (aws-chunked) are
                // refused by some S3-compatible servers, and TCP and TLS already guard the bytes in transit.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        var presign = S3Presigner.builder().region(region).credentialsProvider(credentials)
                .serviceConfiguration(service);
        config.endpoint().ifPresent(builder::endpointOverride);
        config.endpoint().ifPresent(presign::endpointOverride);
        String where = "s3://" + location.bucket() + "/" + location.prefix()
                + config.endpoint().map(e -> " at " + e).orElse("");
        S3ImageBlobs blobs = new S3ImageBlobs(builder.build(), presign.build(), location, where);
        try {
            blobs.headBucket();
        } catch (SdkException e) {
            blobs.close();
            throw new ConfigException("image-store " + where + " cannot be used: " + reason(e));
        }
        return blobs;
    }

    /** The configured region, else the SDK's lookup (environment, profile), else us-east-1, which S3-compatible
     * servers mostly accept whatever their own. */
    private static Region region(ImageStoreConfig config) {
        if (config.region().isPresent()) {
            return Region.of(config.region().get());
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkClientException e) {
            return Region.US_EAST_1;
        }
    }

    private void headBucket() {
        client.headBucket(b -> b.bucket(location.bucket()));
    }

    /** Why S3 said no, in words an operator acts on. */
    private static String reason(SdkException e) {
        if (e instanceof NoSuchBucketException) {
            return "the bucket does not exist; create it, or fix the bucket's name";
        }
        if (e instanceof S3Exception s3) {
            return switch (s3.statusCode()) {
                case 403 -> "access denied (HTTP 403); check s3-access-key and s3-secret-key and the key's rights";
                case 404 -> "the bucket does not exist (HTTP 404); create it, or fix the bucket's name";
                case 301 -> "the bucket is in another region (HTTP 301); set s3-region";
                default -> "HTTP " + s3.statusCode();
            };
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.startsWith("Unable to load credentials")) {
            // The SDK's own message lists every place it looked, in one very long line.
            return "no credentials; set s3-access-key and s3-secret-key, or give the AWS SDK its own"
                    + " (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, an instance or pod role)";
        }
        return message.lines().findFirst().orElse(message);
    }

    private String key(String id) {
        return location.key(id + ".png");
    }

    @Override
    public void put(String id, byte[] png) {
        try {
            client.putObject(b -> b.bucket(location.bucket()).key(key(id)).contentType("image/png"),
                    RequestBody.fromBytes(png));
        } catch (SdkException e) {
            throw new StoreException("cannot store image " + id + " in " + where + ": " + reason(e), e);
        }
    }

    @Override
    public Optional<InputStream> open(String id, long start, long length) {
        try {
            return Optional.of(client.getObject(b -> b.bucket(location.bucket()).key(key(id))
                    .range("bytes=" + start + "-" + (start + length - 1))));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new StoreException("cannot read image " + id + " from " + where + ": " + reason(e), e);
        }
    }

    @Override
    public boolean exists(String id) {
        try {
            client.headObject(b -> b.bucket(location.bucket()).key(key(id)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (SdkException e) {
            if (e instanceof S3Exception s3 && s3.statusCode() == 404) {
                return false; // HEAD answers carry no body, so S3 cannot say NoSuchKey
            }
            throw new StoreException("cannot look up image " + id + " in " + where + ": " + reason(e), e);
        }
    }

    @Override
    public boolean delete(String id) {
        try {
            client.deleteObject(b -> b.bucket(location.bucket()).key(key(id)));
            return true;
        } catch (SdkException e) {
            return false; // the next sweep tries again
        }
    }

    @Override
    public Optional<String> unready() {
        synchronized (readyLock) {
            boolean fresh = readiness != null && System.nanoTime() - readyCheckedAt <= READY_CHECK_TTL.toNanos();
            if (fresh || checking) {
                // A check under way answers for everyone: a hanging S3 must not queue every /readyz behind it.
                return readiness != null ? readiness : Optional.of("checking the bucket");
            }
            checking = true;
        }
        Optional<String> result = Optional.of("bucket check failed");
        try {
            result = check();
            return result;
        } finally {
            synchronized (readyLock) {
                readiness = result;
                readyCheckedAt = System.nanoTime();
                checking = false;
            }
        }
    }

    /**
     * The bucket answers, and takes a write: read-only credentials pass a HEAD of the bucket, and a server that could
     * store no result must not be in rotation. The probe is one empty object under the prefix, written over each time.
     */
    private Optional<String> check() {
        try {
            headBucket();
        } catch (SdkException e) {
            return Optional.of("bucket not answering: " + reason(e));
        }
        try {
            client.putObject(b -> b.bucket(location.bucket()).key(location.key(READY_PROBE)), RequestBody.empty());
            return Optional.empty();
        } catch (SdkException e) {
            return Optional.of("bucket refuses writes: " + reason(e));
        }
    }

    /** Nothing: S3 stores an object whole or not at all. */
    @Override
    public int removeUnfinished() {
        return 0;
    }

    /** An S3 presigned GET of the object, valid for {@code ttl}. */
    @Override
    public Optional<String> directUrl(String id, Duration ttl) {
        return Optional.of(presigner.presignGetObject(p -> p.signatureDuration(ttl)
                .getObjectRequest(b -> b.bucket(location.bucket()).key(key(id)))).url().toString());
    }

    @Override
    public void close() {
        presigner.close();
        client.close();
    }
}
