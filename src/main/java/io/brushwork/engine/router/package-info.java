/**
 * Routes: a public model's ordered list of backends. {@link io.brushwork.engine.router.Routes} builds each model's
 * {@link io.brushwork.engine.router.Route}, which tries backends by tier and weight with timeouts, concurrency caps,
 * safe retries and a circuit breaker per backend shared by every route. A call past its timeout is cancelled and
 * keeps its place (its step's permit and a thread of the route's bounded pool) until it really ends.
 */
package io.brushwork.engine.router;
