/**
 * Outbound HTTP: calls from Brushwork to other servers (image providers, language models). {@link
 * io.brushwork.http.OutboundClient} sends a request under a {@link io.brushwork.http.Deadline} that bounds the whole
 * exchange, reads the answer only up to a size limit, never follows redirects, and reports every way a call can
 * fail as one {@link io.brushwork.http.SendFailure} whose reason says what happened, so that each caller can decide
 * what it means for its own work (try another backend, fall back, fail).
 */
package io.brushwork.http;
