package io.brushwork.testing;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.rest.AuthorizationException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 server (s3proxy, keeping objects in memory) on a free loopback port in the test's own process, with one
 * bucket, and a client of its own to look inside it.
 */
public final class S3Server implements AutoCloseable {
    public static final String BUCKET = "results";
    public static final String ACCESS_KEY = "test-access";
    public static final String SECRET_KEY = "test-secret";

    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private final S3Client client;

    private S3Server(BlobStoreContext context, S3Proxy proxy) {
        this.context = context;
        this.proxy = proxy;
        this.client = S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .forcePathStyle(true)
                // s3proxy refuses the checksum headers the SDK sends by default (501), as some real servers do
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY)))
                .build();
    }

    public static S3Server start() {
        return start(false);
    }

    /** An S3 server whose bucket answers and serves, but refuses every write with 403, as read-only keys get. */
    public static S3Server startRefusingWrites() {
        return start(true);
    }

    private static S3Server start(boolean refuseWrites) {
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .build(BlobStoreContext.class);
        BlobStore store = context.getBlobStore();
        store.createContainerInLocation(null, BUCKET);
        BlobStore served = !refuseWrites ? store : new ForwardingBlobStore(store) {
            @Override
            public String putBlob(String container, Blob blob) {
                throw new AuthorizationException("this key may not write");
            }

            @Override
            public String putBlob(String container, Blob blob, PutOptions options) {
                throw new AuthorizationException("this key may not write");
            }
        };
        S3Proxy proxy = S3Proxy.builder().blobStore(served).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("s3proxy did not start", e);
        }
        return new S3Server(context, proxy);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** A test server whose images go to {@code s3://results/<prefix>} on this S3 server. */
    public TestServer.Builder configure(TestServer.Builder server, String prefix) {
        settings(prefix).forEach(server::set);
        return server;
    }

    /** The settings that put a server's images in {@code s3://results/<prefix>} on this S3 server. */
    public Map<String, String> settings(String prefix) {
        return Map.of("image-store", "s3://" + BUCKET + "/" + prefix, "s3-endpoint", endpoint(),
                "s3-region", "us-east-1", "s3-access-key", ACCESS_KEY, "s3-secret-key", SECRET_KEY,
                "s3-path-style", "true");
    }

    /** Every key in the bucket. */
    public List<String> keys() {
        return client.listObjectsV2(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key).toList();
    }

    /** The object's bytes, or null when there is none. */
    public byte[] object(String key) {
        try {
            return client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    /** Removes an object behind the server's back, as a lifecycle rule or an operator might. */
    public void delete(String key) {
        client.deleteObject(b -> b.bucket(BUCKET).key(key));
    }

    @Override
    public void close() {
        client.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        } finally {
            context.close();
        }
    }
}
