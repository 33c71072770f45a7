/**
 * The server's Prometheus metrics: HTTP requests by route and status, edits by route, model and status, the time of
 * each stage of an edit, images made, the worker pool, the edit memory and the JVM. No label carries a key, a prompt
 * or anything else a client chose freely: a model is one of the server's, a route one of its paths.
 */
package io.brushwork.metrics;
