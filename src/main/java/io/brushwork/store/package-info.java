/**
 * What a server keeps: the SQLite {@link io.brushwork.store.Database} with its Flyway migrations, the
 * {@link io.brushwork.store.ImageStore} of finished images with their expiry (a row each in the database, their bytes
 * in {@link io.brushwork.store.ImageBlobs}: files in the data directory, or objects in an S3 bucket through the AWS
 * SDK), the {@link io.brushwork.store.UrlSigner} for image links, and the {@link io.brushwork.store.UsageLog}.
 */
package io.brushwork.store;
