/**
 * Routes: a public model's ordered list of backends. {@link io.brushwork.engine.router.Routes} builds each model's
 * {@link io.brushwork.engine.router.Route}, which tries backends by tier and weight with timeouts, concurrency caps,
 * safe retries and a circuit breaker per backend shared by every route.
 */
package io.brushwork.engine.router;
