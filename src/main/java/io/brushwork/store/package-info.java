/**
 * What a server keeps: the {@link io.brushwork.store.Database} with its Flyway migrations (SQLite in the data
 * directory, or a PostgreSQL that replicas share; {@link io.brushwork.store.Dialect} holds the little SQL they
 * disagree on, and {@code Database.runAlone} lets one replica at a time run a task such as the sweep), the
 * {@link io.brushwork.store.ImageStore} of finished images with their expiry (a row each in the database, their bytes
 * in {@link io.brushwork.store.ImageBlobs}: files in the data directory, or objects in an S3 bucket through the AWS
 * SDK), the {@link io.brushwork.store.UrlSigner} for image links, and the {@link io.brushwork.store.UsageLog}, which
 * edits write through the {@link io.brushwork.store.UsageRecorder} so that a row the database refuses waits to be
 * written later.
 */
package io.brushwork.store;
