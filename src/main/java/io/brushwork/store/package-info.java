/**
 * What a server keeps: the SQLite {@link io.brushwork.store.Database} with its Flyway migrations, the
 * {@link io.brushwork.store.ImageStore} of finished images with their expiry, the
 * {@link io.brushwork.store.UrlSigner} for image links, and the {@link io.brushwork.store.UsageLog}.
 */
package io.brushwork.store;
